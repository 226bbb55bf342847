/**
 * @packageDocumentation
 * The distributed store: the same contract on Redis, for any number of workers on any number of
 * machines. Every change is one atomic script, and control events go out on pub/sub.
 */

import { defaultOnError } from './internal/listeners'
import { prepareRetention } from './internal/prepare'
import { checkCount, checkName } from './internal/values'
import { connect, loadRedis, redact } from './redis/connection'
import { Keys } from './redis/keys'
import { RedisStore } from './redis/redisStore'
import type { Store, StoreOptions } from './store'

/** Where and how to open the Redis store. */
export interface RedisStoreOptions extends StoreOptions {
  /**
   * The Redis server. @defaultValue `QUANTUM_REDIS_URL`, else `redis://127.0.0.1:6379`
   */
  url?: string
  /**
   * What every key of this installation starts with (`<prefix>:…`), so several installations can share
   * one Redis. @defaultValue `quantum`
   */
  prefix?: string
  /** How long connecting may take before opening fails, in ms. @defaultValue 5000 */
  connectTimeoutMs?: number
}

/**
 * Connects to Redis and returns a {@link Store} on it. Needs the `redis` package (an optional peer,
 * 6.x); nothing of it loads unless this is called.
 *
 * @throws QuantumError `STORE_UNAVAILABLE` when `redis` is not installed or the server does not answer
 */
export async function openRedisStore(options: RedisStoreOptions = {}): Promise<Store> {
  const url = options.url ?? process.env.QUANTUM_REDIS_URL ?? 'redis://127.0.0.1:6379'
  const prefix = checkName(options.prefix ?? 'quantum', 'prefix')
  const retention = prepareRetention(options.retention)
  const connectTimeoutMs = checkCount(options.connectTimeoutMs ?? 5000, 'connectTimeoutMs', 1)
  const onError = options.onError ?? defaultOnError
  const createClient = await loadRedis()
  const open = () =>
    connect({ createClient, url, name: `quantum-store:${prefix}`, onError, connectTimeoutMs })
  const client = await open()
  return new RedisStore(client, {
    keys: new Keys(prefix),
    location: `${redact(url)} (prefix ${prefix})`,
    retention,
    onError,
    // Pub/sub takes a connection of its own; it is opened by the first watch.
    subscribe: open,
  })
}
