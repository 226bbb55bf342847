import { describeTrigger, type ScheduleInfo } from '@quantum/runtime'
import type { ScheduleRecord } from '@quantum/store'

/** Upstream's ScheduleInfo for a stored record (next_run live from the store; null while paused). */
export function scheduleInfo(record: ScheduleRecord): ScheduleInfo {
  const { trigger } = record.definition
  const enabled = record.status === 'active'
  return {
    name: record.name,
    trigger_type: trigger.kind === 'at' ? 'date' : trigger.kind,
    trigger_info: describeTrigger(trigger),
    next_run: enabled ? record.nextRun : null,
    enabled,
  }
}
