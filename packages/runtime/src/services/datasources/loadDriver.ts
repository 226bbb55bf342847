import { ErrorCodes } from '@quantum/ast'
import { peerUnavailable } from '../optionalPeer'

/**
 * Imports a driver package on a datasource's first query: `sqlite3`, `pg` and `mysql2` are
 * optional peer dependencies.
 *
 * @throws RuntimeError `RUNTIME_QUERY` naming the package when it is missing or fails to load
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
    throw peerUnavailable(pkg, error, ErrorCodes.RUNTIME_QUERY, `Query failed on '${datasource}'`, {
      datasource,
    })
  }
}
