import {
  type ErrorCode,
  ErrorCodes,
  type Position,
  QuantumError,
  type QuantumErrorOptions,
  RuntimeError,
} from '@quantum/ast'

/** Where a run-time error happened: the node's position and the document's file. */
export interface Site {
  position?: Position | undefined
  file?: string | undefined
}

/** An error of `Class` (a `QuantumError` subclass) at a node; `details` are small JSON-safe facts a `q:catch` or a host reads. */
export function errorAt<E extends QuantumError>(
  Class: new (code: ErrorCode, message: string, options: QuantumErrorOptions) => E,
  code: ErrorCode,
  message: string,
  site: Site,
  cause?: unknown,
  details?: Record<string, unknown>,
): E {
  const options: QuantumErrorOptions = {}
  if (site.position) options.position = site.position
  if (site.file !== undefined) options.file = site.file
  if (cause !== undefined) options.cause = cause
  if (details) options.details = details
  return new Class(code, message, options)
}

/** A `RuntimeError` at a node. */
export function runtimeError(
  code: ErrorCode,
  message: string,
  site: Site,
  cause?: unknown,
  details?: Record<string, unknown>,
): RuntimeError {
  return errorAt(RuntimeError, code, message, site, cause, details)
}

/**
 * Give an error the position of the node it escaped from when it has none, and turn anything
 * that is not a QuantumError into a coded error at that node: an exhausted JavaScript stack into
 * `RUNTIME_LIMIT_EXCEEDED`, anything else into `RUNTIME_ERROR`.
 */
export function locate(error: unknown, site: Site): QuantumError {
  if (QuantumError.is(error)) {
    if (!error.position && site.position) error.position = site.position
    if (error.file === undefined && site.file !== undefined) error.file = site.file
    return error
  }
  // Nesting the limits allow can still exhaust the JavaScript stack (a deep call chain of long
  // expressions); that is a run going too deep, not a fault of the interpreter.
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    return runtimeError(
      ErrorCodes.RUNTIME_LIMIT_EXCEEDED,
      'run nested too deeply: the interpreter ran out of stack (lower the call depth, or compute in steps with q:set)',
      site,
      error,
    )
  }
  const message = error instanceof Error ? error.message : String(error)
  return runtimeError(ErrorCodes.RUNTIME_ERROR, message, site, error)
}
