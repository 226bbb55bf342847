import type { SerializedError } from '@quantum/ast'
import type { JobStatus, QueueJob } from '../contract'
import { iso } from '../internal/time'

/** A row of `quantum_queue_jobs`. */
export interface JobRow {
  id: number
  name: string
  queue: string
  params: string
  status: JobStatus
  priority: number
  attempt: number
  max_attempts: number
  backoff_kind: 'exponential' | 'fixed'
  backoff_ms: number
  timeout_ms: number | null
  run_at: number | null
  token: number
  lease_until: number | null
  worker: string | null
  created_at: number
  started_at: number | null
  completed_at: number | null
  error: string | null
  result: string | null
  progress: string | null
  lapses: number
}

export function toJob(row: JobRow): QueueJob {
  return {
    ...claimedJob(row),
    status: row.status,
    runAt: row.status === 'pending' ? iso(row.run_at) : null,
    completedAt: iso(row.completed_at),
    result: row.result === null ? null : JSON.parse(row.result),
    progress: row.progress === null ? null : JSON.parse(row.progress),
  }
}

/**
 * The columns a claim returns: what a running job shows. The others are known (`status` is running;
 * `run_at`, `completed_at`, `result` and `progress` are empty for any job a claim can take), and each
 * column returned costs the claim of every job.
 */
export const CLAIMED_COLUMNS =
  'id, name, queue, params, priority, attempt, max_attempts, backoff_kind, backoff_ms, timeout_ms, token, created_at, started_at, error, lapses'

/** A row as a claim returns it. */
export type ClaimedRow = Pick<
  JobRow,
  | 'id'
  | 'name'
  | 'queue'
  | 'params'
  | 'priority'
  | 'attempt'
  | 'max_attempts'
  | 'backoff_kind'
  | 'backoff_ms'
  | 'timeout_ms'
  | 'token'
  | 'created_at'
  | 'started_at'
  | 'error'
  | 'lapses'
>

/** The running job a claim took. */
export function claimedJob(row: ClaimedRow): QueueJob {
  return {
    id: String(row.id),
    name: row.name,
    queue: row.queue,
    params: JSON.parse(row.params) as Record<string, unknown>,
    status: 'running',
    priority: row.priority,
    attempt: row.attempt,
    maxAttempts: row.max_attempts,
    backoff: { kind: row.backoff_kind, delay: row.backoff_ms },
    timeoutMs: row.timeout_ms,
    runAt: null,
    createdAt: iso(row.created_at) as string,
    startedAt: iso(row.started_at),
    completedAt: null,
    error: row.error === null ? null : (JSON.parse(row.error) as SerializedError),
    result: null,
    progress: null,
  }
}

/** Claimed rows in the order they should start: priority first, then first in. */
export function byPriority(a: ClaimedRow, b: ClaimedRow): number {
  return b.priority - a.priority || a.id - b.id
}
