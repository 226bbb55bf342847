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
  deadlock: (max: number, maxLent: number) =>
    new ThreadError(
      ErrorCodes.THREAD_DEADLOCK,
      `Deadlock: each of the thread pool's ${max} slots is held by a body waiting in a join, the thread this join waits for cannot start, and no more slots may be lent (${maxLent} are); raise threads.max, or nest fewer joining threads`,
      { details: { max, maxLent } },
    ),
  unportable: (why: string, file: string | undefined) =>
    new ThreadError(
      ErrorCodes.THREAD_ERROR,
      `The body cannot cross to a worker thread as JSON: ${why}`,
      file === undefined ? {} : { file },
    ),
}
