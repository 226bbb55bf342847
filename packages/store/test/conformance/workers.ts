import { describe, expect, it } from 'vitest'
import type { Stores } from './describeStore'
import { ISO_Z, sleep } from './harness'

export function workerTests(stores: Stores): void {
  describe('workers and lifecycle', () => {
    it('lists workers while their heartbeats last, and forgets them when they stop or leave', async () => {
      const worker = await stores.open()
      const cli = await stores.open()
      const startedAt = new Date()
      await worker.heartbeat(
        { id: 'w1', host: 'box', pid: 41, startedAt, details: { queues: ['default'] } },
        10_000,
      )
      await worker.heartbeat({ id: 'w2', host: 'box', pid: 42, startedAt }, 1_000)
      const listed = await cli.workers()
      expect(listed.map((w) => [w.id, w.pid, w.details])).toEqual([
        ['w1', 41, { queues: ['default'] }],
        ['w2', 42, {}],
      ])
      expect(listed[0]?.startedAt).toBe(startedAt.toISOString())
      expect(listed[0]?.seenAt).toMatch(ISO_Z)
      expect(Date.parse(listed[0]!.expiresAt)).toBeGreaterThan(Date.now() + 5000)

      await sleep(1_500)
      expect((await cli.workers()).map((w) => w.id)).toEqual(['w1'])
      expect(await worker.removeWorker('w1')).toBe(true)
      expect(await worker.removeWorker('w1')).toBe(false)
      expect(await cli.workers()).toEqual([])
    })

    it('fails every call after close with STORE_UNAVAILABLE, and closes twice quietly', async () => {
      const store = await stores.open()
      await store.watch(() => {})
      await store.close()
      await store.close()
      await expect(store.listSchedules()).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' })
      await expect(store.acquireLock('k', 100, 'o')).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' })
    })
  })
}
