import type { Dynamic } from '../expression'
import type { NodeBase } from './base'
import type { Statement } from './index'

export type ScheduleAction = 'run' | 'pause' | 'resume' | 'delete'

/**
 * What a schedule does with fires missed while no worker ran: `grace` (the default)
 * runs them once if the last came due within the scheduler's misfire grace, else records them `missed`;
 * `run-once` always runs them once, however late; `skip` never runs them. Each way history records them.
 */
export type MisfirePolicy = 'grace' | 'run-once' | 'skip'

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
