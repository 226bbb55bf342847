import { ErrorCodes, RuntimeError } from '@quantum/ast'

/**
 * Imports an optional driver package. `pg` and `mysql2` are optional peer dependencies, so a missing
 * package is a configuration problem worth a clear message, not a stack trace.
 */
export async function loadOptionalDriver<T>(
  datasource: string,
  pkg: string,
  load: () => Promise<T | { default: T }>,
): Promise<T> {
  try {
    const module = await load()
    return (module as { default?: T }).default ?? (module as T)
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code
    const missing = code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND'
    throw new RuntimeError(
      ErrorCodes.RUNTIME_QUERY,
      missing
        ? `Query failed on '${datasource}': the '${pkg}' package is not installed (add it next to @quantum/runtime)`
        : `Query failed on '${datasource}': could not load '${pkg}': ${error instanceof Error ? error.message : String(error)}`,
      { cause: error, details: { datasource, package: pkg } },
    )
  }
}
