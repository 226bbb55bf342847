import { describe, expect, it } from 'vitest'
import { fireLockKey, runningLockKey } from '../../src/index'
import type { Stores } from './describeStore'
import { sleep } from './harness'

export function lockTests(stores: Stores): void {
  describe('locks', () => {
    it('gives a key to one owner at a time; only the owner extends or releases it', async () => {
      const a = await stores.open()
      const b = await stores.open()
      const key = fireLockKey('report', '2027-03-14T07:00:00Z')
      expect(await a.acquireLock(key, 10_000, 'worker-a')).toBe(true)
      expect(await b.acquireLock(key, 10_000, 'worker-b')).toBe(false)
      expect(await a.acquireLock(key, 10_000, 'worker-a')).toBe(false)
      expect(await b.extendLock(key, 10_000, 'worker-b')).toBe(false)
      expect(await b.releaseLock(key, 'worker-b')).toBe(false)
      expect(await a.extendLock(key, 10_000, 'worker-a')).toBe(true)
      expect(await a.releaseLock(key, 'worker-a')).toBe(true)
      expect(await a.releaseLock(key, 'worker-a')).toBe(false)
      expect(await b.acquireLock(key, 10_000, 'worker-b')).toBe(true)
      expect(await a.acquireLock(fireLockKey('report', '2027-03-14T07:00:01Z'), 10_000, 'worker-a')).toBe(
        true,
      )
    })

    it('lets a key go when its TTL runs out, unless the owner extends it', async () => {
      const a = await stores.open()
      const b = await stores.open()
      // Wide margins for a busy machine: the extension comes milliseconds into a 300 ms TTL, and the
      // check comes well past that TTL and well within the extended one.
      expect(await a.acquireLock('short', 300, 'a')).toBe(true)
      expect(await a.acquireLock('kept', 300, 'a')).toBe(true)
      expect(await a.extendLock('kept', 10_000, 'a')).toBe(true)
      await sleep(900)
      expect(await a.extendLock('short', 1000, 'a')).toBe(false)
      expect(await a.releaseLock('short', 'a')).toBe(false)
      expect(await b.acquireLock('short', 10_000, 'b')).toBe(true)
      expect(await b.acquireLock('kept', 10_000, 'b')).toBe(false)
    })

    it('grants a contended key exactly once across instances', async () => {
      const instances = [await stores.open(), await stores.open(), await stores.open()]
      const key = fireLockKey('every-second', new Date('2027-01-01T00:00:00Z'))
      const results = await Promise.all(
        Array.from({ length: 30 }, (_, index) =>
          instances[index % 3]!.acquireLock(key, 10_000, `owner-${index}`),
        ),
      )
      expect(results.filter(Boolean)).toHaveLength(1)
    })

    it('names one key per schedule and due instant, however the instant is written', () => {
      expect(fireLockKey('a', new Date('2027-03-14T07:00:00Z'))).toBe(
        fireLockKey('a', '2027-03-14T03:00:00-04:00'),
      )
      expect(fireLockKey('a', '2027-03-14T07:00:00Z')).toBe('fire:a:2027-03-14T07:00:00.000Z')
      expect(fireLockKey('a', '2027-03-14T07:00:00Z')).not.toBe(fireLockKey('b', '2027-03-14T07:00:00Z'))
      expect(runningLockKey('a')).not.toBe(fireLockKey('a', '2027-03-14T07:00:00Z'))
      expect(() => fireLockKey('a', '2027-03-14T07:00:00')).toThrow(
        expect.objectContaining({ code: 'STORE_ERROR' }),
      )
    })

    it('refuses a TTL that is not a positive whole number of milliseconds', async () => {
      const store = await stores.open()
      for (const ttl of [0, -5, 1.5, Number.NaN]) {
        await expect(store.acquireLock('k', ttl, 'o')).rejects.toMatchObject({ code: 'STORE_ERROR' })
      }
      await expect(store.acquireLock('', 100, 'o')).rejects.toMatchObject({ code: 'STORE_ERROR' })
    })
  })
}
