import { type ErrorCode, ErrorCodes, type Position, QuantumError, RuntimeError } from '@quantum/ast'

/** Where a run-time error happened: the node's position and the document's file. */
export interface Site {
  position?: Position | undefined
  file?: string | undefined
}

/** A `RuntimeError` at a node; `details` are the small JSON-safe facts a `q:catch` or a host reads. */
export function runtimeError(
  code: ErrorCode,
  message: string,
  site: Site,
  cause?: unknown,
  details?: Record<string, unknown>,
): RuntimeError {
  const options: ConstructorParameters<typeof RuntimeError>[2] = {}
  if (site.position) options.position = site.position
  if (site.file !== undefined) options.file = site.file
  if (cause !== undefined) options.cause = cause
  if (details) options.details = details
  return new RuntimeError(code, message, options)
}

/**
 * Give an error the position of the node it escaped from when it has none, and turn anything
 * that is not a QuantumError into a `RUNTIME_ERROR` at that node.
 */
export function locate(error: unknown, site: Site): QuantumError {
  if (QuantumError.is(error)) {
    if (!error.position && site.position) error.position = site.position
    if (error.file === undefined && site.file !== undefined) error.file = site.file
    return error
  }
  const message = error instanceof Error ? error.message : String(error)
  return runtimeError(ErrorCodes.RUNTIME_ERROR, message, site, error)
}
