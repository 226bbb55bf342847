/**
 * @packageDocumentation
 * `q:job` queues. The {@link QueueAdapter} contract, implemented by `@quantum/queue/embedded` (SQLite)
 * and `@quantum/queue/bee` (bee-queue on Redis), and the job service that defines, dispatches and runs
 * jobs over either.
 */
export type {
  ActiveJob,
  FinishOptions,
  JobFilter,
  JobHandler,
  JobQuery,
  JobReceipt,
  JobStatus,
  NewJob,
  ProcessOptions,
  Processor,
  ProgressListener,
  QueueAdapter,
  QueueJob,
  QueueStats,
  Settlement,
} from './contract'
export { JOB_STATUSES } from './contract'
export { DEFAULT_BACKOFF, retryDelayMs } from './internal/backoff'
export { permanentFailure } from './internal/errors'
export { createJobService } from './service/createJobService'
export type {
  DispatchedJob,
  HandlerOptions,
  JobFunction,
  JobHandle,
  JobId,
  JobServiceOptions,
  QueueJobService,
  ResultOptions,
  TypedDispatch,
  WorkOptions,
} from './service/types'
