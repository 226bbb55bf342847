import type { QueueAdapter, QueueJob } from '@quantum/queue'
import { describeTrigger } from '@quantum/runtime'
import type { ScheduleRecord, Store } from '@quantum/store'

/** The queue upstream shows schedules on. */
export const SCHEDULER_QUEUE = 'scheduler'

/** What `quantum jobs list --status` selects. */
export type ListStatus = 'all' | 'active' | 'paused' | 'pending' | 'running' | 'failed'

/** Which rows `quantum jobs list` shows. */
export interface ListFilter {
  status: ListStatus
  /** Only rows on this queue (schedules are on `scheduler`). */
  queue?: string
}

/**
 * One row of `quantum jobs list` (UPSTREAM.md §1.5 `list_jobs`, plus `id` and `error_count`). Timestamps
 * are UTC ISO 8601 with `Z`, `null` when unknown.
 */
export interface JobListEntry {
  /** A schedule's row id, or a queue job's id. */
  id: number | string
  name: string
  type: 'schedule' | 'job'
  queue: string
  status: string
  /** Upstream's trigger info: `every 1h`, `cron: 0 * * * *`, `at 2030-01-01T08:00:00`; `null` for a job. */
  interval: string | null
  next_run: string | null
  last_run: string | null
  run_count: number
  error_count: number
  last_error: string | null
  /** A job's attempts so far (the running one included). */
  attempt?: number
  /** A job's last attempt, start to end, once it ended. */
  duration_ms?: number | null
}

/** Queue jobs `quantum jobs list` shows at most. */
const JOB_ROWS = 1000

/**
 * Every row `quantum jobs list` shows for `filter`: schedules by name, then (issue 10) queue jobs. This is
 * the one place that gathers them, so the table and the JSON stay the same list.
 */
export async function gatherJobRows(
  store: Store,
  filter: ListFilter,
  queue?: QueueAdapter,
): Promise<JobListEntry[]> {
  const rows: JobListEntry[] = []
  if (filter.queue === undefined || filter.queue === SCHEDULER_QUEUE) {
    const status = filter.status === 'active' || filter.status === 'paused' ? filter.status : undefined
    // Schedules are only active or paused: the job words (pending, running, failed) select none of them.
    if (filter.status === 'all' || status !== undefined) {
      const schedules = await store.listSchedules(status === undefined ? {} : { status })
      rows.push(...schedules.map(scheduleEntry))
    }
  }
  // Jobs are pending, running, completed, failed or cancelled: `active` and `paused` select none.
  if (queue && filter.status !== 'active' && filter.status !== 'paused') {
    const jobs = await queue.list({
      limit: JOB_ROWS,
      ...(filter.queue === undefined ? {} : { queue: filter.queue }),
      ...(filter.status === 'all' ? {} : { status: filter.status }),
    })
    rows.push(...jobs.map(jobEntry))
  }
  return rows
}

/** A queue job as a row of `quantum jobs list`: its next run is when it may run, its last when it started. */
export function jobEntry(job: QueueJob): JobListEntry {
  const failed = job.status === 'failed' ? job.attempt : Math.max(0, job.attempt - 1)
  return {
    id: job.id,
    name: job.name,
    type: 'job',
    queue: job.queue,
    status: job.status,
    interval: null,
    next_run: job.runAt,
    last_run: job.startedAt,
    run_count: job.attempt,
    error_count: job.error ? failed : 0,
    last_error: job.error?.message ?? null,
    attempt: job.attempt,
    duration_ms:
      job.startedAt && job.completedAt ? Date.parse(job.completedAt) - Date.parse(job.startedAt) : null,
  }
}

/** A schedule as a row of `quantum jobs list`. */
export function scheduleEntry(record: ScheduleRecord): JobListEntry {
  return {
    id: record.id,
    name: record.name,
    type: 'schedule',
    queue: SCHEDULER_QUEUE,
    status: record.status,
    interval: describeTrigger(record.definition.trigger),
    // A paused schedule fires at no instant (the scheduler's own ScheduleInfo says the same).
    next_run: record.status === 'active' ? record.nextRun : null,
    last_run: record.lastRun,
    run_count: record.runCount,
    error_count: record.errorCount,
    last_error: record.lastError,
  }
}
