import type { ResourceLimits } from 'node:worker_threads'
import type { LogEntry, ScheduleService } from '@quantum/runtime'
import type { BodyHost, BodyServicesConfig } from '@quantum/runtime/services'
import type { RunRecord, RunStatus, Store } from '@quantum/store'

/**
 * Where the scheduler reads the time and sets its timers. Tests drive DST changes and 40-day delays
 * through one in milliseconds; the default is the system's wall clock.
 */
export interface SchedulerClock {
  /** Epoch milliseconds. */
  now(): number
  /** Calls `callback` once `ms` milliseconds from now have passed on this clock; any `ms`, however large. The result cancels it. */
  setTimer(callback: () => void, ms: number): () => void
}

/** How a fire's attempt ended, as its history row says. */
export type FireStatus = Extract<RunStatus, 'success' | 'late' | 'error' | 'timeout' | 'terminated'>

/** Something that happened to a schedule, for a host's progress lines. */
export type SchedulerEvent =
  | { type: 'armed'; name: string; dueAt: string }
  | { type: 'fired'; name: string; dueAt: string; attempt: number; lateMs: number }
  | {
      type: 'finished'
      name: string
      dueAt: string
      attempt: number
      status: FireStatus
      error?: string
    }
  | { type: 'log'; name: string; entry: LogEntry }
  | { type: 'skipped'; name: string; dueAt: string; reason: string }
  | { type: 'missed'; name: string; dueAt: string; count: number; last: string }
  | { type: 'paused' | 'resumed' | 'deleted' | 'registered'; name: string }
  | { type: 'problem'; name?: string; message: string; code?: string }

/** What the scheduler has done since it started. */
export interface SchedulerStats {
  /** Schedules hosted (active and armed). */
  schedules: number
  /** Fires running in this process now. */
  running: number
  /** Fires this process ran (each counted once, however many attempts). */
  fired: number
  /** Fires whose every attempt failed. */
  failed: number
  /** Fires recorded `skipped` or `missed` by this process. */
  skipped: number
}

/** How {@link createScheduler} runs schedules. */
export interface SchedulerOptions {
  store: Store
  /** What each fire's worker builds its services from (home, datasources, mail, http, limits, files). */
  services?: BodyServicesConfig
  /**
   * The services bodies borrow from this process: `q:job` dispatches to its queue, `q:schedule` reaches
   * its store, `q:thread` runs on its pool. Without one, those tags fail in a fire with `RUNTIME_SERVICE_MISSING`.
   */
  host?: BodyHost
  /**
   * Fire worker threads: long-lived, started by {@link Scheduler.start} (so no fire waits for a cold
   * worker), each running many fires at once, whatever the number of schedules. @defaultValue the number of cores
   */
  workers?: number
  /** V8 heap limits of each fire worker: a fire that outgrows them ends its worker (and the fires on it), never the host. */
  resourceLimits?: ResourceLimits
  /** This process's id in history rows and locks. @defaultValue `${hostname}:${pid}:${random}` */
  workerId?: string
  /** How late a misfired run may still run (as `late`). @defaultValue 60_000 */
  misfireGraceMs?: number
  /** How long stop() lets fires in flight finish before their workers are ended. @defaultValue 10_000 */
  stopGraceMs?: number
  /** Injectable time source and timers (tests drive DST and 40-day delays in milliseconds). */
  clock?: SchedulerClock
  /**
   * The shortest interval registered or hosted; a shorter one is refused (`PARSE_INVALID_DURATION`),
   * and a stored one is not hosted. Lower it only for a host's own sub-second tests.
   * @defaultValue `MIN_INTERVAL_MS` of `@quantum/time` (1 s)
   */
  minIntervalMs?: number
  /** Each thing that happens (fired, succeeded, failed, timed out, skipped, missed, late…): for a host's progress lines. */
  onEvent?: (event: SchedulerEvent) => void
}

/** Schedules hosted in this process: fired on a few long-lived worker threads that Bree manages, at the instants croner computes. */
export interface Scheduler {
  /** The runtime's ScheduleService: register/pause/resume/delete through the store; hosted at once once started. */
  readonly service: ScheduleService
  /** Host every schedule in the store, watch control events (register/pause/resume/delete/run from any process), handle misfires. */
  start(): Promise<void>
  /** Fire `name` once now in this process (locks and history as any fire); resolves with the history rows it recorded. */
  runNow(name: string): Promise<RunRecord[]>
  /** Stop arming; fires in flight finish within the grace, the rest are ended and recorded `terminated`; closes Bree. Never records a fire twice. */
  stop(options?: { graceMs?: number }): Promise<void>
  stats(): SchedulerStats
}
