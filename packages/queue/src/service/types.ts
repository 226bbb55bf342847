import type { Backoff, ParamNode } from '@quantum/ast'
import type { BodyExecutor, DispatchRequest, JobService, Logger } from '@quantum/runtime'
import type { Store } from '@quantum/store'
import type { ActiveJob, FinishOptions, JobReceipt, Processor, QueueAdapter, Settlement } from '../contract'

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

/**
 * A job run by a function: it receives the bound params and the running job (its `signal`, `progress`);
 * what it returns (JSON-safe) is the job's result.
 */
export type JobFunction<Params extends object = Record<string, unknown>, Result = unknown> = (
  params: Params,
  job: ActiveJob,
) => Result | Promise<Result>

declare const resultType: unique symbol

/**
 * A job's id that remembers the type of the job's result, so that {@link QueueJobService.result} returns
 * it typed. At run time it is the plain string id.
 */
export type JobId<Result = unknown> = string & { readonly [resultType]?: Result }

/** What a dispatch returns: the job's id (typed by its result) and its queue. */
export interface DispatchedJob<Result = unknown> extends JobReceipt {
  id: JobId<Result>
}

/** A dispatch of a job whose params have the type `Params`; the settings not given come from the job. */
export type TypedDispatch<Params extends object = Record<string, unknown>> = Omit<
  DispatchRequest,
  'params'
> & {
  params: Params
}

/** A registered function job: dispatches it with typed params. */
export interface JobHandle<Params extends object = Record<string, unknown>, Result = unknown> {
  readonly name: string
  /** Enqueues the job with `params` (and the settings given over the handler's defaults). */
  dispatch(params: Params, options?: Omit<DispatchRequest, 'name' | 'params'>): Promise<DispatchedJob<Result>>
}

/** Options of {@link QueueJobService.result}. */
export type ResultOptions = FinishOptions

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
  /**
   * Registers a function as the job `name` in this process (no `.q` file, no store needed). `Params` types
   * what the function receives and {@link JobHandle.dispatch} takes; `Result` what it returns, and what
   * {@link result} resolves with for the ids the handle's dispatches return.
   */
  handle<Params extends object = Record<string, unknown>, Result = unknown>(
    name: string,
    run: JobFunction<Params, Result>,
    options?: HandlerOptions,
  ): JobHandle<Params, Result>
  /**
   * Enqueues a job; its settings not given come from its handler or stored definition. The type arguments
   * check the params (`Params`) and type the returned id for {@link result} (`Result`).
   * @throws QueueError `QUEUE_JOB_NOT_DEFINED` when no handler here and no stored definition has the name
   */
  dispatch<Params extends object = Record<string, unknown>, Result = unknown>(
    request: TypedDispatch<Params>,
  ): Promise<DispatchedJob<Result>>
  /**
   * Waits for the job to end, without polling in your code, whichever process runs it, and returns its
   * result (at once when it already ended).
   * @throws QueueError `QUEUE_JOB_FAILED` when it failed for good (the job's own error is its `cause`,
   *   and `details.error`), `QUEUE_JOB_CANCELLED`, `QUEUE_RESULT_TIMEOUT` after `timeoutMs`,
   *   `QUEUE_JOB_NOT_FOUND` when no job has the id
   */
  result<Result = unknown>(id: JobId<Result>, options?: ResultOptions): Promise<Result>
  /**
   * Starts taking jobs from the queue and running them (function handlers first, else the stored
   * definition on the executor), recording one history row per attempt.
   */
  work(options?: WorkOptions): Processor
}
