import type { Backoff, ParamNode } from '@quantum/ast'
import type { BodyExecutor, JobService, Logger } from '@quantum/runtime'
import type { Store } from '@quantum/store'
import type { ActiveJob, Processor, QueueAdapter, Settlement } from '../contract'

/** What {@link createJobService} works with. Only `queue` is required. */
export interface JobServiceOptions {
  /** The queue jobs go through: `openEmbeddedQueue()` or `openBeeQueue()`. */
  queue: QueueAdapter
  /**
   * Where `q:job` definitions live (so any process can dispatch them and any worker run them) and where
   * each attempt is recorded. Without one, only handlers registered with {@link QueueJobService.handle}
   * run, and no history is kept.
   */
  store?: Store
  /**
   * Runs `.q` job bodies away from the thread that claims jobs and renews leases: the worker passes the
   * warm thread pool of `@quantum/threads`. Without one, a `.q` job fails with a clear error.
   */
  executor?: BodyExecutor
  /** Receives the log entries of `.q` bodies (prefixed `[job:<name>]`) and the service's own warnings. */
  logger?: Logger
  /**
   * How long a definition read from the store is reused before it is read again, in ms.
   * @defaultValue 1000
   */
  definitionTtlMs?: number
}

/** Defaults of a job run by a function handler; a dispatch may override each. */
export interface HandlerOptions {
  queue?: string
  attempts?: number
  backoff?: Backoff
  priority?: number
  timeoutMs?: number
  /** Params checked and converted before the handler runs, as a `q:job`'s `q:param`s are. */
  params?: ParamNode[]
}

/** A job run by a function: it receives the bound params and the running job (its `signal`, `progress`). */
export type JobFunction = (params: Record<string, unknown>, job: ActiveJob) => unknown

/** Options of {@link QueueJobService.work}. */
export interface WorkOptions {
  /** @defaultValue every queue */
  queues?: readonly string[]
  /** @defaultValue 1 */
  concurrency?: number
  /** Called after each attempt was recorded (a host's progress line counts these). */
  onSettled?: (job: ActiveJob, settlement: Settlement) => void
}

/** The runtime's `JobService` over a queue adapter, plus function handlers and a worker loop. */
export interface QueueJobService extends JobService {
  /** Registers a function as the job `name` in this process (no `.q` file, no store needed). */
  handle(name: string, run: JobFunction, options?: HandlerOptions): void
  /**
   * Starts taking jobs from the queue and running them (function handlers first, else the stored
   * definition on the executor), recording one history row per attempt.
   */
  work(options?: WorkOptions): Processor
}
