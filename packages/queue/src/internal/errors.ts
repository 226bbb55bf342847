import { type ErrorCode, ErrorCodes, QuantumError, QueueError, type SerializedError } from '@quantum/ast'

/** Bad input to a queue, or a queue operation that failed. */
export function queueError(message: string, details?: Record<string, unknown>, cause?: unknown): QueueError {
  return coded(ErrorCodes.QUEUE_ERROR, message, details, cause)
}

/** The adapter was closed. */
export function closedError(kind: string): QueueError {
  return coded(ErrorCodes.QUEUE_CONNECTION_CLOSED, `The ${kind} queue is closed`)
}

export function coded(
  code: ErrorCode,
  message: string,
  details?: Record<string, unknown>,
  cause?: unknown,
): QueueError {
  return new QueueError(code, message, {
    ...(details && { details }),
    ...(cause !== undefined && { cause }),
  })
}

const PERMANENT = Symbol.for('quantum.queue.permanentFailure')

/**
 * Marks an error so that the job it fails is not retried (bad params, an unknown job: running it again
 * cannot help). Returns the same error.
 */
export function permanentFailure<E extends Error>(error: E): E {
  Object.defineProperty(error, PERMANENT, { value: true })
  return error
}

export function isPermanent(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[PERMANENT] === true
}

/** Any thrown value as the JSON form a job keeps (a non-Quantum error becomes `QUEUE_JOB_FAILED`). */
export function serializeError(error: unknown): SerializedError {
  if (QuantumError.is(error)) return error.toJSON()
  const message = error instanceof Error ? error.message : String(error)
  return coded(ErrorCodes.QUEUE_JOB_FAILED, message).toJSON()
}

/** The error an attempt ends with when its lease is lost. */
export function leaseLost(id: string, why: string): QueueError {
  return coded(ErrorCodes.QUEUE_LEASE_LOST, `Job ${id} lost its lease: ${why}`, { id })
}
