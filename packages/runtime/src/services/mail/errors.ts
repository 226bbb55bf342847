import { ErrorCodes, QuantumError, RuntimeError } from '@quantum/ast'

/** A transport failure as `RUNTIME_MAIL`; Quantum errors pass through unchanged. */
export function mailFailed(error: unknown): QuantumError {
  if (QuantumError.is(error)) return error
  const message = error instanceof Error ? error.message : String(error)
  return new RuntimeError(ErrorCodes.RUNTIME_MAIL, `Failed to send email: ${message}`, { cause: error })
}

/** The run's signal fired before the message was handed to the transport. */
export function mailAborted(): RuntimeError {
  return new RuntimeError(ErrorCodes.RUNTIME_ABORTED, 'Sending email was aborted')
}
