import type { QueueAdapter, QueueJob } from '@quantum/queue'
import { describeTrigger } from '@quantum/runtime'
import type { ScheduleRecord, Store } from '@quantum/store'
import { tableTime } from '../format/instant'
import type { CliIO } from '../io'
import { jobNotFound } from './failures'
import type { JobsFormat } from './list'
import { jobEntry, SCHEDULER_QUEUE, scheduleEntry } from './rows'
import { findTarget, type Target, targetJob } from './target'

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

/**
 * `quantum jobs status NAME|ID --format json` for a queue job: upstream's keys plus `id`, `attempt`,
 * `max_attempts`, `duration_ms` and the job's params and result.
 */
export interface QueueJobStatusJson {
  id: string
  name: string
  type: 'job'
  status: string
  queue: string
  params: Record<string, unknown>
  priority: number
  attempt: number
  max_attempts: number
  created_at: string
  started_at: string | null
  completed_at: string | null
  next_run: string | null
  duration_ms: number | null
  result: unknown
  last_error: string | null
}

/**
 * `quantum jobs status NAME|ID`: what the text names ({@link Target}: a schedule, else the queue job with
 * that ID, else the newest job of that name); upstream's `Job:`… lines or one JSON object; `error SCHEDULE_NOT_FOUND: Job not found: NAME`
 * and 1 when none.
 */
export async function jobStatus(
  store: Store,
  queue: () => Promise<QueueAdapter>,
  name: string,
  format: JobsFormat,
  io: CliIO,
): Promise<number> {
  const target = await findTarget(store, queue, name)
  const job = target && targetJob(target)
  if (target?.kind === 'schedule') {
    const status = scheduleStatus(target.schedule)
    io.stdout.write(format === 'json' ? `${JSON.stringify(status, null, 2)}\n` : statusLines(status))
  } else if (job) {
    const status = queueJobStatus(job)
    io.stdout.write(format === 'json' ? `${JSON.stringify(status, null, 2)}\n` : jobLines(status))
  } else {
    return jobNotFound(name, io)
  }
  return 0
}

function queueJobStatus(job: QueueJob): QueueJobStatusJson {
  const entry = jobEntry(job)
  return {
    id: job.id,
    name: job.name,
    type: 'job',
    status: job.status,
    queue: job.queue,
    params: job.params,
    priority: job.priority,
    attempt: job.attempt,
    max_attempts: job.maxAttempts,
    created_at: job.createdAt,
    started_at: job.startedAt,
    completed_at: job.completedAt,
    next_run: job.runAt,
    duration_ms: entry.duration_ms ?? null,
    result: job.result ?? null,
    last_error: entry.last_error,
  }
}

function jobLines(status: QueueJobStatusJson): string {
  const lines = [
    `Job: ${status.name}`,
    `ID: ${status.id}`,
    `Status: ${status.status}`,
    `Queue: ${status.queue}`,
    `Last Run: ${tableTime(status.started_at)}`,
    `Next Run: ${tableTime(status.next_run)}`,
    `Run Count: ${status.attempt}`,
    `Attempts: ${status.attempt}/${status.max_attempts}`,
    `Last Error: ${status.last_error?.replace(/\s+/g, ' ') || '-'}`,
  ]
  return `${lines.join('\n')}\n`
}

function scheduleStatus(record: ScheduleRecord): ScheduleStatusJson {
  const { trigger, timezone } = record.definition
  const { next_run, last_run, run_count, error_count, last_error } = scheduleEntry(record)
  return {
    id: record.id,
    name: record.name,
    type: 'schedule',
    status: record.status,
    queue: SCHEDULER_QUEUE,
    trigger_type: trigger.kind,
    interval: describeTrigger(trigger),
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
