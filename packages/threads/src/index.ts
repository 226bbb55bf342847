/**
 * @packageDocumentation
 * `q:thread` on a warm pool of worker threads. {@link createThreadPool} starts worker threads that load
 * the runtime and its services once and run many bodies each; it is the runtime's `BodyExecutor`, so a
 * queue or a scheduler runs its bodies on it too. {@link createThreadService} is the `ThreadService` a
 * host gives the runtime: names, `NOT_STARTED`/`RUNNING`/`COMPLETED`/`FAILED`/`TERMINATED`, join,
 * terminate, timeouts and callbacks.
 */

export { createThreadPool } from './pool'
export type { ThreadPool, ThreadPoolOptions, ThreadPoolStats, WorkerServicesConfig } from './poolOptions'
export { DEFAULT_THREADS_MAX } from './poolOptions'
export type { PoolThreadService, ThreadServiceOptions } from './threadService'
export { createThreadService } from './threadService'
