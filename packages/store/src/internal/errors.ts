import { type ErrorCode, ErrorCodes, QuantumError } from '@quantum/ast'

/** Bad input to the store, or data it cannot read back. */
export function storeError(
  message: string,
  details?: Record<string, unknown>,
  cause?: unknown,
): QuantumError {
  return coded(ErrorCodes.STORE_ERROR, message, details, cause)
}

/** The store cannot be reached or was closed. */
export function storeUnavailable(
  message: string,
  details?: Record<string, unknown>,
  cause?: unknown,
): QuantumError {
  return coded(ErrorCodes.STORE_UNAVAILABLE, message, details, cause)
}

export function coded(code: ErrorCode, message: string, details?: Record<string, unknown>, cause?: unknown) {
  return new QuantumError(code, message, {
    ...(details && { details }),
    ...(cause !== undefined && { cause }),
  })
}

/** A driver's error as a coded one, naming the operation; Quantum errors pass through unchanged. */
export function asStoreError(error: unknown, operation: string, location: string): QuantumError {
  if (QuantumError.is(error)) return error
  const message = error instanceof Error ? error.message : String(error)
  const code = (error as { code?: unknown } | null)?.code
  const details = { operation, location, ...(typeof code === 'string' && { driverCode: code }) }
  if (typeof code !== 'string') return storeError(`Store ${operation} failed: ${message}`, details, error)
  if (CORRUPT.test(code))
    return coded(
      ErrorCodes.STORE_CORRUPT,
      `The state database ${location} is damaged (${operation}): ${message}`,
      details,
      error,
    )
  if (FULL.test(code))
    return coded(
      ErrorCodes.STORE_FULL,
      `The store is full (${operation} on ${location}): ${message}`,
      details,
      error,
    )
  return UNAVAILABLE.test(code)
    ? storeUnavailable(`Store unavailable during ${operation}: ${message}`, details, error)
    : storeError(`Store ${operation} failed: ${message}`, details, error)
}

// SQLite's busy/locked/cannot-open results and Node's socket errors: the store is out of reach.
const UNAVAILABLE =
  /^(SQLITE_(BUSY|LOCKED|CANTOPEN|READONLY|IOERR)|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND)/
// The file is not (or no longer) a database: retrying cannot help.
const CORRUPT = /^SQLITE_(CORRUPT|NOTADB)/
// The disk or `max_page_count` is full: a later retry may succeed once there is room.
const FULL = /^SQLITE_FULL/

/** Whether `error` is a coded store error that says the disk is full. */
export function isStoreFull(error: unknown): boolean {
  return QuantumError.is(error) && error.code === ErrorCodes.STORE_FULL
}

/**
 * The error for a missing or broken optional peer (`better-sqlite3`, `redis`): a setup problem that
 * deserves a sentence, not a stack trace.
 */
export function peerUnavailable(pkg: string, error: unknown): QuantumError {
  const code = (error as { code?: unknown } | null)?.code
  const reason =
    code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND'
      ? `the '${pkg}' package is not installed (add it next to @quantum/store)`
      : `could not load '${pkg}': ${error instanceof Error ? error.message : String(error)}`
  return storeUnavailable(`Cannot open the store: ${reason}`, { package: pkg }, error)
}
