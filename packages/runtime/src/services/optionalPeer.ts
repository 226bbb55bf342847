import { createRequire } from 'node:module'
import { type ErrorCode, RuntimeError } from '@quantum/ast'

const requireHere = createRequire(import.meta.url)

/**
 * Loads a CommonJS optional peer dependency (`better-sqlite3`, `nodemailer`) synchronously, the first
 * time a service needs it, so a host that never uses it neither loads nor installs it.
 *
 * @throws RuntimeError with `code`, see {@link peerUnavailable}
 */
export function requireOptional<T>(pkg: string, code: ErrorCode, failure: string): T {
  try {
    return requireHere(pkg) as T
  } catch (error) {
    throw peerUnavailable(pkg, error, code, failure)
  }
}

/**
 * `<failure>: the '<pkg>' package is not installed (add it next to @quantum/runtime)`, or the error it
 * failed to load with: a missing peer is a setup problem worth a clear message, not a stack trace.
 */
export function peerUnavailable(
  pkg: string,
  error: unknown,
  code: ErrorCode,
  failure: string,
  details: Record<string, unknown> = {},
): RuntimeError {
  const missing = (error as { code?: unknown } | null)?.code
  const reason =
    missing === 'ERR_MODULE_NOT_FOUND' || missing === 'MODULE_NOT_FOUND'
      ? `the '${pkg}' package is not installed (add it next to @quantum/runtime)`
      : `could not load '${pkg}': ${error instanceof Error ? error.message : String(error)}`
  return new RuntimeError(code, `${failure}: ${reason}`, {
    cause: error,
    details: { ...details, package: pkg },
  })
}
