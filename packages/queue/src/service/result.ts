import { ErrorCodes, QuantumError } from '@quantum/ast'
import type { QueueJob } from '../contract'
import { coded } from '../internal/errors'

/**
 * What `result()` gives for a job that ended: its result when it completed, else a coded error saying how
 * it ended (a failure carries the job's own error as its cause).
 */
export function resultOf<Result>(job: QueueJob): Result {
  if (job.status === 'completed') return job.result as Result
  const what = `Job ${job.id} ('${job.name}')`
  if (job.status === 'cancelled')
    throw coded(ErrorCodes.QUEUE_JOB_CANCELLED, `${what} was cancelled`, { id: job.id, name: job.name })
  const error = job.error
  throw coded(
    ErrorCodes.QUEUE_JOB_FAILED,
    `${what} failed after ${job.attempt} attempt${job.attempt === 1 ? '' : 's'}: ${error?.message ?? 'no error recorded'}`,
    { id: job.id, name: job.name, attempt: job.attempt, error },
    error ? QuantumError.fromJSON(error) : undefined,
  )
}
