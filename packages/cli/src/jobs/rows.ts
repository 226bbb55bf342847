import type { JobStatus, QueueAdapter, QueueJob } from '@quantum/queue'
import { describeTrigger } from '@quantum/runtime'
import type { ScheduleRecord, ScheduleStatus, Store } from '@quantum/store'

/** The queue upstream shows schedules on. */
export const SCHEDULER_QUEUE = 'scheduler'

/** The statuses of schedules. */
export const SCHEDULE_STATUSES = ['active', 'paused'] as const satisfies readonly ScheduleStatus[]

/** The statuses of queue jobs. */
export const JOB_STATUSES = [
  'pending',
  'running',
  'completed',
  'failed',
  'cancelled',
] as const satisfies readonly JobStatus[]

/** What `quantum jobs list --status` selects: every status a row can show, or all. */
export const LIST_STATUSES = ['all', ...SCHEDULE_STATUSES, ...JOB_STATUSES] as const

export type ListStatus = (typeof LIST_STATUSES)[number]

/** Which rows `quantum jobs list` shows. */
export interface ListFilter {
  status: ListStatus
  /** Only rows on this queue (schedules are on `scheduler`). */
  queue?: string
}

/** Which page of the rows `quantum jobs list` shows. */
export interface ListPage {
  limit: number
  offset: number
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

/** One page of `quantum jobs list`, and how many rows `filter` selects in all. */
export interface JobRows {
  rows: JobListEntry[]
  total: number
}

/**
 * The page of rows `quantum jobs list` shows for `filter`: schedules by name, then queue jobs newest
 * first, `page.offset` rows skipped and at most `page.limit` shown. This is the one place that gathers
 * them, so the table and the JSON stay the same list.
 */
export async function gatherJobRows(
  store: Store,
  filter: ListFilter,
  page: ListPage,
  queue?: QueueAdapter,
): Promise<JobRows> {
  const schedules = await selectedSchedules(store, filter)
  const rows = schedules.slice(page.offset, page.offset + page.limit).map(scheduleEntry)
  const jobStatus = (JOB_STATUSES as readonly string[]).includes(filter.status)
  if (!queue || !(filter.status === 'all' || jobStatus)) return { rows, total: schedules.length }
  const jobFilter = {
    ...(filter.queue === undefined ? {} : { queue: filter.queue }),
    ...(jobStatus ? { status: filter.status as JobStatus } : {}),
  }
  const jobs = await queue.count(jobFilter)
  const wanted = page.limit - rows.length
  if (wanted > 0 && jobs > 0) {
    const offset = Math.max(0, page.offset - schedules.length)
    const listed = await queue.list({ ...jobFilter, order: 'newest', offset, limit: wanted })
    rows.push(...listed.map(jobEntry))
  }
  return { rows, total: schedules.length + jobs }
}

/** The schedules `filter` selects, by name: none for a job status or another queue. */
async function selectedSchedules(store: Store, filter: ListFilter): Promise<ScheduleRecord[]> {
  if (filter.queue !== undefined && filter.queue !== SCHEDULER_QUEUE) return []
  if (filter.status === 'all') return store.listSchedules({})
  const status = SCHEDULE_STATUSES.find((known) => known === filter.status)
  return status === undefined ? [] : store.listSchedules({ status })
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
