import type { Store } from '@quantum/store'
import { openSqliteStore } from '@quantum/store/sqlite'
import type { QuantumConfig } from './config'
import type { GlobalOptions } from './globalOptions'

/** Where the user keeps schedules and history: Redis when configured, else `quantum.db` in the state folder. */
export type StoreLocation = { kind: 'redis'; url: string; prefix?: string } | { kind: 'sqlite'; home: string }

/**
 * The store the user configured: Redis at `--redis`, else `QUANTUM_REDIS_URL`, else the configuration's
 * `redis` (its `prefix` applies whichever URL wins); without any, SQLite in the state folder.
 */
export function storeLocation(globals: GlobalOptions, config: QuantumConfig): StoreLocation {
  const configured = typeof config.redis === 'string' ? { url: config.redis } : config.redis
  const url = globals.redisUrl ?? configured?.url
  if (url === undefined) return { kind: 'sqlite', home: globals.home }
  return configured?.prefix === undefined
    ? { kind: 'redis', url }
    : { kind: 'redis', url, prefix: configured.prefix }
}

/**
 * Open the store the user configured ({@link storeLocation}). The Redis client is loaded only when Redis
 * is configured. The caller closes the store.
 *
 * @param onError problems no call is waiting for (a connection lost while watching)
 * @throws QuantumError `STORE_UNAVAILABLE` when the database cannot be opened or Redis does not answer
 */
export async function openConfiguredStore(
  globals: GlobalOptions,
  config: QuantumConfig,
  onError: (error: Error) => void,
): Promise<Store> {
  const location = storeLocation(globals, config)
  if (location.kind === 'sqlite') return openSqliteStore({ home: location.home, onError })
  const { openRedisStore } = await import('@quantum/store/redis')
  const { kind: _, ...where } = location
  return openRedisStore({ ...where, onError })
}
