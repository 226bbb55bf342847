import type { QueueAdapter } from '@quantum/queue'
import type { RunRecord, RunStatus, Store } from '@quantum/store'
import { tableTime } from '../format/instant'
import { type Column, formatTable } from '../format/table'
import type { CliIO } from '../io'
import { jobNotFound } from './failures'
import type { JobsFormat } from './list'
import { SCHEDULER_QUEUE } from './rows'
import { findTarget } from './target'

/** What `quantum jobs history --status` selects. */
export type HistoryStatus = 'all' | 'success' | 'failed'

/**
 * The stored statuses each word selects. `success` is a fire that ran and succeeded, on time or `late`
 * after a misfire (upstream's `success` matched nothing); `failed` is one that failed, was stopped, or
 * never ran (`missed`). `skipped` (an overlap) is neither.
 */
export const HISTORY_STATUSES: Record<Exclude<HistoryStatus, 'all'>, readonly RunStatus[]> = {
  success: ['success', 'late'],
  failed: ['error', 'timeout', 'terminated', 'missed'],
}

/** Which history rows to show, newest first. */
export interface HistoryFilter {
  name?: string
  status: HistoryStatus
  limit: number
}

/** How `quantum jobs history` prints its table. */
export interface HistoryTable {
  /** Show each error whole instead of cut to the column. */
  wide?: boolean
}

/**
 * One entry of `quantum jobs history --format json`: upstream's keys (`duration` in seconds, `attempts`)
 * plus `id`, `job_id`, `duration_ms`, `attempt`, `due_at` and `worker_id`. Timestamps are UTC ISO 8601
 * with `Z`; `error` and `worker_id` are whole.
 */
export interface HistoryEntry {
  /** The history row's id. */
  id: number
  /** The queue job's ID of a job attempt (what `jobs status|retry` take); `null` for a schedule's fire. */
  job_id: string | null
  name: string
  queue: string | null
  status: RunStatus
  started_at: string | null
  completed_at: string | null
  duration: number | null
  duration_ms: number | null
  attempt: number
  /** Upstream's name for the attempt number. */
  attempts: number
  due_at: string | null
  worker_id: string | null
  /** The error's message, when the run failed. */
  error: string | null
}

const COLUMNS: Column[] = [
  { header: 'ID', width: 8 },
  { header: 'Job', width: 20 },
  { header: 'Attempt', width: 7 },
  { header: 'Status', width: 10 },
  { header: 'Started', width: 20 },
  { header: 'Duration', width: 12 },
  { header: 'Error', width: 30 },
]

const ERROR_WIDTH = 30

/**
 * `quantum jobs history`: the rows `filter` selects, as a table (`No history found.` when none; each error
 * cut to its column unless `table.wide`) or JSON. A name that has no row and names no schedule, job
 * definition or queue job is `Job not found: NAME` and 1, as `jobs status` says it.
 */
export async function jobHistory(
  store: Store,
  queue: () => Promise<QueueAdapter>,
  filter: HistoryFilter,
  format: JobsFormat,
  io: CliIO,
  table: HistoryTable = {},
): Promise<number> {
  const runs = await store.history({
    limit: filter.limit,
    ...(filter.name === undefined ? {} : { name: filter.name }),
    ...(filter.status === 'all' ? {} : { status: HISTORY_STATUSES[filter.status] }),
  })
  if (runs.length === 0 && filter.name !== undefined && !(await findTarget(store, queue, filter.name))) {
    return jobNotFound(filter.name, io)
  }
  const entries = runs.map(historyEntry)
  if (format === 'json') {
    io.stdout.write(`${JSON.stringify(entries, null, 2)}\n`)
  } else if (entries.length === 0) {
    io.stdout.write('No history found.\n')
  } else {
    const cells = entries.map((entry) => [
      entry.job_id,
      entry.name,
      String(entry.attempt),
      entry.status,
      tableTime(entry.started_at),
      entry.duration === null ? null : `${entry.duration.toFixed(2)}s`,
      (table.wide ? entry.error : entry.error?.slice(0, ERROR_WIDTH)) ?? null,
    ])
    io.stdout.write(formatTable(COLUMNS, cells))
  }
  return 0
}

function historyEntry(run: RunRecord): HistoryEntry {
  return {
    id: run.id,
    job_id: run.runId,
    name: run.name,
    queue: run.queue ?? (run.kind === 'schedule' ? SCHEDULER_QUEUE : null),
    status: run.status,
    started_at: run.startedAt,
    completed_at: run.completedAt,
    duration: run.durationMs === null ? null : run.durationMs / 1000,
    duration_ms: run.durationMs,
    attempt: run.attempt,
    attempts: run.attempt,
    due_at: run.dueAt,
    worker_id: run.workerId,
    error: run.error?.message ?? null,
  }
}
