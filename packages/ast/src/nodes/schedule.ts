import type { Dynamic } from '../expression'
import type { NodeBase } from './base'
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
