import type { ResourceLimits } from 'node:worker_threads'
import type { BodyExecutor, BodyOutcome } from '@quantum/runtime'
import type { BodyHost, BodyServicesConfig } from '@quantum/runtime/services'

/** How each worker builds the services its bodies use: the runtime's `BodyServicesConfig`. */
export type WorkerServicesConfig = BodyServicesConfig

/** How many bodies run at once by default: ColdFusion's default for cfthread. */
export const DEFAULT_THREADS_MAX = 10

/** Options of {@link createThreadPool}; every one has a default. */
export interface ThreadPoolOptions {
  /** Bodies running at once over all workers; more wait in line as `NOT_STARTED`. @defaultValue 10 */
  max?: number
  /** Worker threads, each running several bodies on its event loop. @defaultValue the number of cores */
  workers?: number
  /** Bodies that may wait in line; one more is refused with `THREAD_QUEUE_FULL`. @defaultValue 10_000 */
  maxWaiting?: number
  /**
   * Slots lent at once. A body waiting in a join lends its slot to the thread it waits for, when that
   * one still waits for a slot (so nested threads that join their children make progress on few
   * slots); each lent slot keeps one more body alive on the workers. Past this, a pool whose every
   * slot is held by a body waiting for a thread that cannot start fails the innermost join with
   * `THREAD_DEADLOCK`. @defaultValue 100
   */
  maxLent?: number
  /**
   * Milliseconds a body asked to stop (terminate, timeout) may take before its worker thread is
   * terminated and replaced, failing the other bodies on it with `THREAD_WORKER_LOST`. @defaultValue 1000
   */
  graceMs?: number
  /** What each worker builds its datasources, mail, HTTP and limits from. @defaultValue HTTP only */
  services?: WorkerServicesConfig
  /** V8 heap limits of each worker: a body that outgrows them ends its worker, never the host. */
  resourceLimits?: ResourceLimits
  /**
   * The services bodies borrow from the host over the host bridge: a job body's `q:job` dispatches on
   * the host's queue, a thread's `q:thread` starts threads on the host's pool, `q:invoke component=`
   * loads through the host's parser. Read as each body starts, so a host may fill it in after creating
   * the pool. Without one, those tags fail in a body with `RUNTIME_SERVICE_MISSING`.
   */
  host?: BodyHost
}

/** How busy a pool is. */
export interface ThreadPoolStats {
  /** Bodies holding a slot. */
  running: number
  /** Bodies waiting for a slot. */
  waiting: number
  /** Slots lent by bodies waiting in a join (see {@link ThreadPoolOptions.maxLent}). */
  lent: number
  workers: number
}

/** A warm pool of worker threads that runs bodies; the runtime's `BodyExecutor`. */
export interface ThreadPool extends BodyExecutor {
  /**
   * Wait for `waiting` on behalf of the body (of this pool) that is calling, if any, until it settles:
   * meanwhile that body waits for the body `outcome` stands for (a promise {@link execute} returned),
   * and lends it its slot if it still waits for one.
   *
   * @throws ThreadError `THREAD_DEADLOCK` (the promise rejects) when the pool cannot make progress:
   * every slot is held by a body waiting like this and no more may be lent; the innermost wait fails
   */
  waitFor<T>(outcome: Promise<BodyOutcome>, waiting: Promise<T>): Promise<T>
  /** Start the worker threads now and wait until each has loaded the runtime and its services. */
  warm(): Promise<void>
  stats(): ThreadPoolStats
  /**
   * Stop every body (waiting ones never start; they and the running ones end `aborted`), let each worker
   * release its services, and end every worker thread. Later `execute` calls throw `THREAD_POOL_CLOSED`.
   */
  close(): Promise<void>
}
