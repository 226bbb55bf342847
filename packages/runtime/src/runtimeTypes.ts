import type { JobService, ScheduleService, ThreadInfo, ThreadService } from './jobs/types'
import type { Limits } from './run/limits'
import type { Redirect } from './run/state'
import type { Clock, Datasources, Files, Http, LogEntry, Logger, Mailer, Sources } from './services/types'

/** Implementations a runtime uses; each is optional, and a tag whose service is absent fails clearly. */
export interface RuntimeServices {
  datasources?: Datasources
  mailer?: Mailer
  http?: Http
  logger?: Logger
  clock?: Clock
  /** The files a program may read (`q:attachment`); without it, a program reads no file. */
  files?: Files
  /** Loads other components (`q:invoke component=`) and mail templates; the host provides it with the parser. */
  sources?: Sources
  schedules?: ScheduleService
  threads?: ThreadService
  jobs?: JobService
}

export interface RuntimeOptions {
  limits?: Partial<Limits>
}

/** What to run and with what. */
export interface RunOptions {
  /** Run this `q:action` after the component body (`quantum run --action`). */
  action?: string
  /** Component `q:param` values (and, for an action, its form fields). */
  params?: Record<string, unknown>
  /** Cancels the run between any two statements and inside sleep, HTTP and queries. */
  signal?: AbortSignal
  /** Session variables, shared with the caller (mutated in place). */
  session?: Record<string, unknown>
}

/** What a run produced. */
export interface RunResult {
  component: string
  /** The component's `q:return` value, typed; undefined without one. */
  result: unknown
  /** Rendered text and HTML. */
  output: string
  /** The log entries written during the run. */
  logs: LogEntry[]
  /** The component's variables at the end (JSON-safe copy). */
  variables: Record<string, unknown>
  threads: Record<string, ThreadInfo>
  redirect?: Redirect
}
