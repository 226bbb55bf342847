import type { Backoff, SerializedError } from '@quantum/ast'

/** Where a job is in its life (ARCHITECTURE.md §5). */
export type JobStatus = 'pending' | 'running' | 'completed' | 'failed' | 'cancelled'

/** Every {@link JobStatus}, in the order of a job's life. */
export const JOB_STATUSES: readonly JobStatus[] = ['pending', 'running', 'completed', 'failed', 'cancelled']

/** A job to enqueue. Every field but `name` has a default. */
export interface NewJob {
  /** The job's name: which definition (or registered handler) runs it. */
  name: string
  /** JSON-safe params. @defaultValue `{}` */
  params?: Record<string, unknown>
  /** @defaultValue `'default'` */
  queue?: string
  /** An integer; higher runs first, first in first out within one priority. @defaultValue 0 */
  priority?: number
  /** Milliseconds before the job may run. @defaultValue 0 */
  delayMs?: number
  /** How many times the job may run in all (first run and retries). @defaultValue 3 */
  attempts?: number
  /** The wait before a retry. @defaultValue exponential, 30 s (`30s × 2^(attempt-1)`) */
  backoff?: Backoff
  /** Milliseconds one attempt may run before it is stopped and counted as failed. */
  timeoutMs?: number
}

/** What enqueueing returns: the job's id (unique within the adapter) and its queue. */
export interface JobReceipt {
  id: string
  queue: string
}

/** A job as a queue reports it. Timestamps are UTC ISO 8601 with `Z`. */
export interface QueueJob {
  id: string
  name: string
  queue: string
  params: Record<string, unknown>
  status: JobStatus
  priority: number
  /** Attempts started so far (the running one included). */
  attempt: number
  maxAttempts: number
  backoff: Backoff
  timeoutMs: number | null
  /** When the job may run next (a delay or a retry's backoff); null once it has ended. */
  runAt: string | null
  createdAt: string
  startedAt: string | null
  completedAt: string | null
  /** Why the last attempt failed (kept while a retry waits). */
  error: SerializedError | null
  /** What the job's handler returned, once it completed. */
  result: unknown
  /** The last progress the running attempt reported. */
  progress: unknown
}

/** The job a handler runs: one attempt, held under a lease. */
export interface ActiveJob extends QueueJob {
  /** The fencing token of this attempt: only it may complete or fail the job. */
  readonly token: string
  /**
   * Aborted when this attempt must stop: its lease was lost (its worker stopped renewing it and the job
   * was taken back), or the processor stopped before it finished. The reason says which.
   */
  readonly signal: AbortSignal
  /** Reports progress (JSON-safe); it reaches {@link QueueAdapter.onProgress} listeners. */
  progress(value: unknown): Promise<void>
}

/** Runs one attempt; what it returns is the job's result, what it throws fails the attempt. */
export type JobHandler = (job: ActiveJob) => Promise<unknown>

/** How an attempt ended, as the queue recorded it. */
export type Settlement =
  | { outcome: 'completed'; result: unknown }
  /** Failed; it runs again at `runAt`. */
  | { outcome: 'retrying'; error: SerializedError; runAt: string }
  /** Failed for good: the last attempt, or a failure marked permanent. */
  | { outcome: 'failed'; error: SerializedError }
  /** The lease was lost first, so the queue refused this attempt's completion or failure. */
  | { outcome: 'refused'; error: SerializedError | null }

/** What {@link QueueAdapter.process} needs beside the handler. */
export interface ProcessOptions {
  /** The queues to take jobs from. @defaultValue every queue */
  queues?: readonly string[]
  /** Attempts running at once in this process. @defaultValue 1 */
  concurrency?: number
  /** Called once per attempt, after the queue recorded how it ended (history goes here). */
  settled?: (job: ActiveJob, settlement: Settlement) => void | Promise<void>
  /**
   * Called when an attempt's worker died (its lease expired with nobody renewing it) and the queue took
   * the job back; `attempt` is the attempt that was lost. Exactly one process hears of each.
   */
  lost?: (job: QueueJob, attempt: number) => void | Promise<void>
  /** Problems nobody waits for (a handler's settle callback threw, the connection dropped). */
  onError?: (error: Error) => void
}

/** A running processing loop. */
export interface Processor {
  /** Attempts running now. */
  readonly running: number
  /**
   * Stops taking jobs, waits up to `graceMs` for running attempts to finish, then aborts the rest and
   * hands their jobs back (pending again, the attempt not counted). @defaultValue graceMs 10000
   */
  stop(graceMs?: number): Promise<void>
}

/** Which jobs {@link QueueAdapter.count} counts: every filter given must match. */
export interface JobFilter {
  queue?: string
  status?: JobStatus
  name?: string
}

/**
 * Which jobs {@link QueueAdapter.list} returns, and in which order: a page of `limit` jobs after skipping
 * `offset` of them.
 */
export interface JobQuery extends JobFilter {
  /** @defaultValue 100 */
  limit?: number
  /** How many matching jobs to skip first. @defaultValue 0 */
  offset?: number
  /**
   * `'oldest'`: highest priority first, oldest first within a priority (the order workers take pending
   * jobs). `'newest'`: the most recently enqueued first, whatever their priority.
   * @defaultValue `'oldest'`
   */
  order?: 'oldest' | 'newest'
}

/** How long {@link QueueAdapter.finished} waits. */
export interface FinishOptions {
  /** Milliseconds to wait at most. @defaultValue no limit: until the job ends or the adapter closes */
  timeoutMs?: number
}

/** Counts of one queue's jobs by status. */
export interface QueueStats {
  queue: string
  pending: number
  running: number
  completed: number
  failed: number
  cancelled: number
  /** Whether workers take jobs from it. */
  paused: boolean
}

/** Receives progress reports. */
export type ProgressListener = (event: { id: string; queue: string; name: string; progress: unknown }) => void

/**
 * A job queue: `@quantum/queue/embedded` (SQLite, one machine) or `@quantum/queue/bee` (bee-queue on
 * Redis). Both pass one conformance suite, and no client type crosses this interface. Jobs are
 * delivered at least once: a dead worker's lease expires and the job runs again with attempt + 1, and
 * completion is fenced by the attempt's token, so a stalled original cannot finish it a second time.
 * Methods throw `QueueError`s (`QUEUE_ERROR` for bad input, `QUEUE_CONNECTION_CLOSED` after close).
 */
export interface QueueAdapter {
  readonly kind: 'embedded' | 'bee'
  /** Resolves once the adapter can take commands (connections up, schema migrated). */
  ready(): Promise<void>
  enqueue(job: NewJob): Promise<JobReceipt>
  /** Enqueues several jobs in one round trip; receipts in the same order. */
  enqueueMany(jobs: readonly NewJob[]): Promise<JobReceipt[]>
  /** Starts taking jobs and running `handler` on them, at most `concurrency` at once. */
  process(handler: JobHandler, options?: ProcessOptions): Processor
  /** Marks the attempt holding `token` completed; false when its lease was lost (or the job is gone). */
  complete(id: string, token: string, result?: unknown): Promise<boolean>
  /**
   * Fails the attempt holding `token`: it retries after its backoff while attempts remain (unless
   * `permanent`), else it is `failed`. Undefined when the lease was lost.
   */
  fail(
    id: string,
    token: string,
    error: SerializedError,
    options?: { permanent?: boolean },
  ): Promise<Settlement | undefined>
  /** Renews the attempt's lease; false when it was lost. */
  heartbeat(id: string, token: string): Promise<boolean>
  get(id: string): Promise<QueueJob | undefined>
  /** A page of the jobs matching `query`; see {@link JobQuery} for the order. */
  list(query?: JobQuery): Promise<QueueJob[]>
  /** How many jobs match `filter` (every job without one), without loading them. */
  count(filter?: JobFilter): Promise<number>
  /**
   * Waits until a job has ended (completed, failed for good, or cancelled) and returns it as it ended, at
   * once when it already had, whichever process runs it. Nothing polls in the caller: the bee adapter
   * hears of ends on Redis pub/sub, the embedded one from its own writes and, for other processes',
   * from SQLite's `data_version`.
   * @throws QueueError `QUEUE_JOB_NOT_FOUND` when no job has the id (or it is purged while waited for),
   *   `QUEUE_RESULT_TIMEOUT` after `timeoutMs`, `QUEUE_CONNECTION_CLOSED` when the adapter closes first
   */
  finished(id: string, options?: FinishOptions): Promise<QueueJob>
  /** One queue's counts. */
  stats(queue: string): Promise<QueueStats>
  /** Every queue that has jobs or is paused, by name. */
  queues(): Promise<QueueStats[]>
  /** Cancels a pending job; false when it is not pending. */
  cancel(id: string): Promise<boolean>
  /** Runs a failed or cancelled job again from attempt 1; false otherwise. */
  retry(id: string): Promise<boolean>
  /**
   * Deletes one job that is not running (its record, result and error; history stays); false when it is
   * running or unknown. Those waiting on it with {@link QueueAdapter.finished} get `QUEUE_JOB_NOT_FOUND`.
   */
  remove(id: string): Promise<boolean>
  /** Deletes a queue's jobs (those with `status`, else every one not running); the count deleted. */
  purge(queue: string, status?: JobStatus): Promise<number>
  /** Stops every worker taking jobs from `queue` (running attempts finish). */
  pause(queue: string): Promise<void>
  resume(queue: string): Promise<void>
  /**
   * Calls `listener` soon after jobs may have changed, by any process: enqueued, taken, ended,
   * cancelled, retried, removed. Calls carry no detail and a burst of changes may make one call: the
   * listener reads what it shows. Nothing re-reads jobs to find out: the embedded adapter looks at
   * SQLite's `data_version` and `total_changes()` several times a second (no rows read; any write to the
   * database counts, a store's included); the bee adapter hears Redis's doorbell (jobs enqueued or
   * retried) and ended channel (completed, failed for good, cancelled), so a job taken or a retry
   * waiting is heard with the next of those. Resolves once listening; the result stops listening.
   */
  onChange(listener: () => void): Promise<() => void>
  /** Listens to progress reports of every job; the result stops listening. */
  onProgress(listener: ProgressListener): () => void
  /** Stops processors (handing running jobs back) and closes the connections. */
  close(): Promise<void>
}
