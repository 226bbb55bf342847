import type { PreparedLock } from '../internal/prepare'
import type { Client, Scripts } from './connection'
import type { Keys } from './keys'
import { EXTEND_LOCK, RELEASE_LOCK } from './scripts'

/** `SET NX PX`: taken only when nobody holds the key; Redis expires the hold. */
export async function takeLock(client: Client, keys: Keys, lock: PreparedLock): Promise<boolean> {
  const reply = await client.set(keys.lock(lock.key), lock.owner, {
    condition: 'NX',
    expiration: { type: 'PX', value: lock.ttlMs },
  })
  return reply === 'OK'
}

/** Renews the owner's hold; true when it had one. */
export async function renewLock(scripts: Scripts, keys: Keys, lock: PreparedLock): Promise<boolean> {
  return (await scripts.run(EXTEND_LOCK, [keys.lock(lock.key)], [lock.owner, lock.ttlMs])) === 1
}

/** Frees the owner's hold; true when it had one. */
export async function freeLock(scripts: Scripts, keys: Keys, key: string, owner: string): Promise<boolean> {
  return (await scripts.run(RELEASE_LOCK, [keys.lock(key)], [owner])) === 1
}
