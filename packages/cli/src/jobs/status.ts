import type { ScheduleRecord, Store } from '@quantum/store'
import { tableTime } from '../format/instant'
import type { CliIO } from '../io'
import type { JobsFormat } from './list'
import { SCHEDULER_QUEUE, scheduleEntry } from './rows'

/**
 * `quantum jobs status NAME --format json` for a schedule: upstream's `get_job_status` keys plus `id`,
 * `queue`, `cron`, `timezone` and `error_count`.
 */
export interface ScheduleStatusJson {
  id: number
  name: string
  type: 'schedule'
  status: string
  queue: string
  trigger_type: 'interval' | 'cron' | 'at'
  interval: string
  /** The expression of a cron schedule, else `null`. */
  cron: string | null
  timezone: string
  next_run: string | null
  last_run: string | null
  run_count: number
  error_count: number
  last_error: string | null
}

/** `quantum jobs status NAME`: upstream's `Job:`… lines or one JSON object; `Job not found: NAME` and 1 when unknown. */
export async function jobStatus(store: Store, name: string, format: JobsFormat, io: CliIO): Promise<number> {
  const record = await store.getSchedule(name)
  if (!record) {
    io.stderr.write(`Job not found: ${name}\n`)
    return 1
  }
  const status = scheduleStatus(record)
  io.stdout.write(format === 'json' ? `${JSON.stringify(status, null, 2)}\n` : statusLines(status))
  return 0
}

function scheduleStatus(record: ScheduleRecord): ScheduleStatusJson {
  const { trigger, timezone } = record.definition
  const { id, name, type, status, interval, next_run, last_run, run_count, error_count, last_error } =
    scheduleEntry(record)
  return {
    id,
    name,
    type,
    status,
    queue: SCHEDULER_QUEUE,
    trigger_type: trigger.kind,
    interval,
    cron: trigger.kind === 'cron' ? trigger.expression : null,
    timezone,
    next_run,
    last_run,
    run_count,
    error_count,
    last_error,
  }
}

function statusLines(status: ScheduleStatusJson): string {
  const lines = [
    `Job: ${status.name}`,
    `Status: ${status.status}`,
    `Queue: ${status.queue}`,
    `Interval: ${status.interval}`,
    `Cron: ${status.cron ?? '-'}`,
    `Last Run: ${tableTime(status.last_run)}`,
    `Next Run: ${tableTime(status.next_run)}`,
    `Run Count: ${status.run_count}`,
    `Error Count: ${status.error_count}`,
    `Last Error: ${status.last_error?.replace(/\s+/g, ' ') || '-'}`,
  ]
  return `${lines.join('\n')}\n`
}
