import { ErrorCodes, ThreadError } from '@quantum/ast'

/** The pool's own errors, in one table (piscina's `Errors`), so each message is written once. */
export const PoolErrors = {
  queueFull: (maxWaiting: number) =>
    new ThreadError(
      ErrorCodes.THREAD_QUEUE_FULL,
      `The thread pool's waiting line is full: ${maxWaiting} bodies wait for a free slot already (raise maxWaiting, or start fewer at once)`,
      { details: { maxWaiting } },
    ),
  closed: () =>
    new ThreadError(ErrorCodes.THREAD_POOL_CLOSED, 'The thread pool is closed; it starts no more bodies'),
  workerLost: (why: string, file: string | undefined) =>
    new ThreadError(
      ErrorCodes.THREAD_WORKER_LOST,
      `The worker thread running this body ended (${why}); the pool replaced it`,
      file === undefined ? {} : { file },
    ),
}
