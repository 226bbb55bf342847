import { ErrorCodes, QuantumError, RuntimeError } from '@quantum/ast'

/** A driver failure as `RUNTIME_QUERY`; Quantum errors (aborts, timeouts, params) pass through unchanged. */
export function queryFailed(datasource: string, error: unknown): QuantumError {
  if (QuantumError.is(error)) return error
  const message = error instanceof Error ? error.message : String(error)
  const code = (error as { code?: unknown } | null)?.code
  return new RuntimeError(ErrorCodes.RUNTIME_QUERY, `Query failed on '${datasource}': ${message}`, {
    cause: error,
    details:
      typeof code === 'string' || typeof code === 'number'
        ? { datasource, driverCode: code }
        : { datasource },
  })
}

/** The run's signal stopped the statement (or fired before it started). */
export function queryAborted(datasource: string): RuntimeError {
  return new RuntimeError(ErrorCodes.RUNTIME_ABORTED, `Query on '${datasource}' was aborted`, {
    details: { datasource },
  })
}

/** The statement ran longer than its `timeoutMs`. */
export function queryTimedOut(datasource: string, timeoutMs: number): RuntimeError {
  return new RuntimeError(
    ErrorCodes.RUNTIME_QUERY,
    `Query failed on '${datasource}': timed out after ${timeoutMs} ms`,
    { details: { datasource, timeoutMs } },
  )
}
