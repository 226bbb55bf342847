import type { Bindable, Dynamic } from '../expression'
import type { NodeBase } from './base'
import type { ParamNode } from './core'
import type { Statement } from './index'

export type ScheduleAction = 'run' | 'pause' | 'resume' | 'delete'

/** What a schedule does with a fire missed while no worker ran (ARCHITECTURE.md §5). */
export type MisfirePolicy = 'run-once' | 'skip'

/**
 * `<q:schedule name [action] interval|cron|at [timezone] [retry] [timeout] [overlap] [enabled]>`.
 * Durations are milliseconds; `cron` is validated (5 or 6 fields, seconds first); `at` is ISO 8601.
 */
export interface ScheduleNode extends NodeBase {
  type: 'schedule'
  name: string
  action: ScheduleAction
  interval?: Dynamic<number>
  cron?: Dynamic<string>
  at?: Dynamic<string>
  timezone: Dynamic<string>
  retry: number
  timeout?: Dynamic<number>
  overlap: boolean
  enabled: boolean
  misfire: MisfirePolicy
  body: Statement[]
}

export type ThreadAction = 'run' | 'join' | 'terminate'
export type ThreadPriority = 'low' | 'normal' | 'high'

/** `<q:thread name [action] [priority] [timeout] [on-complete] [on-error]>` (both callback spellings). */
export interface ThreadNode extends NodeBase {
  type: 'thread'
  name: string
  action: ThreadAction
  priority: ThreadPriority
  timeout?: Dynamic<number>
  onComplete?: string
  onError?: string
  body: Statement[]
}

export type JobAction = 'define' | 'dispatch' | 'batch'

/** Retry delay policy: `exponential` is `base × 2^(attempt-1)` (upstream); `fixed:30s` is an extension. */
export interface Backoff {
  kind: 'exponential' | 'fixed'
  delay: number
}

/** `<q:job name [action] [queue] [delay] [priority] [attempts] [backoff] [timeout]>` with `q:param`s and a body. */
export interface JobNode extends NodeBase {
  type: 'job'
  name: string
  action: JobAction
  queue?: Bindable
  delay?: Dynamic<number>
  priority?: number
  attempts?: number
  backoff?: Backoff
  timeout?: Dynamic<number>
  params: ParamNode[]
  body: Statement[]
}
