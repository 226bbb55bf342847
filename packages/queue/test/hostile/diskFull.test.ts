import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { Store } from '@quantum/store'
import { openSqliteStore } from '@quantum/store/sqlite'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { mountSmallDisk, type SmallDisk } from '../../../store/test/hostile/smallDisk'
import type { QueueAdapter } from '../../src/contract'
import { openEmbeddedQueue } from '../../src/embedded'
import { createJobService } from '../../src/index'
import { deferred, waitFor } from '../support/wait'

// A REAL full disk (issue 19, item 9): the state folder is on a small tmpfs, filled up by a file while
// jobs run, emptied again later.

let disk: SmallDisk
let home: string
let queue: QueueAdapter | undefined
let store: Store | undefined

beforeAll(() => {
  disk = mountSmallDisk(8192)
})
afterAll(() => disk.unmount())
beforeEach(() => {
  home = join(disk.path, `home-${Date.now()}`)
  mkdirSync(home)
})
afterEach(async () => {
  disk.free()
  await queue?.close()
  await store?.close()
  queue = store = undefined
  rmSync(home, { recursive: true, force: true })
})

async function open() {
  // A short lease: it runs out while the disk is full, as a long outage would do to a 30 s one.
  queue = await openEmbeddedQueue({ home, leaseMs: 600, pollMs: 50 })
  store = await openSqliteStore({ home })
  return { queue, store }
}

describe('a full disk under a running worker', () => {
  it('records the jobs that finished meanwhile once there is room, each run exactly once', async () => {
    const { queue, store } = await open()
    const service = createJobService({ queue, store, logger: { log: () => {} } })
    const runs = new Map<string, number>()
    const gate = deferred()
    service.handle('effect', async (_params, job) => {
      runs.set(job.id, (runs.get(job.id) ?? 0) + 1)
      await gate.promise
      return 'done'
    })
    const receipts = await queue.enqueueMany(
      Array.from({ length: 5 }, () => ({ name: 'effect', params: {}, attempts: 3 })),
    )
    const ids = receipts.map((receipt) => receipt.id)
    const processor = service.work({ concurrency: 5 })
    try {
      await waitFor(() => runs.size === 5, 'all five jobs to start')
      await waitFor(
        async () => (await queue.list({ status: 'running' })).filter((job) => job.startedAt).length === 5,
        'their starts recorded',
      )
      disk.fill()
      // Dispatching now fails with a coded error, not a driver's.
      const refused = await queue.enqueue({ name: 'effect', params: {} }).then(
        () => undefined,
        (error: { code?: string }) => error,
      )
      expect(refused?.code).toBe('STORE_FULL')
      gate.resolve()
      // The completions fail while the lease runs out several times over.
      await new Promise((resolve) => setTimeout(resolve, 3_000))
      disk.free()
      const began = performance.now()
      await waitFor(
        async () => (await queue.list({ status: 'completed' })).length === 5,
        'the five completions to land',
        20_000,
      )
      // Retries wait at most 2 s: 20 s is far above that.
      expect(performance.now() - began).toBeLessThan(20_000)
      // Nothing runs again: no job went back to pending behind the completions.
      await new Promise((resolve) => setTimeout(resolve, 1_500))
      expect([...runs.entries()].sort()).toEqual(ids.map((id) => [id, 1]).sort())
      for (const id of ids) expect(await queue.get(id)).toMatchObject({ status: 'completed', attempt: 1 })
      const rows = await waitFor(async () => {
        const found = await store.history({ name: 'effect' })
        return found.length >= 5 && found
      }, 'a history row per job')
      expect(rows.map((row) => [row.runId, row.attempt, row.status]).sort()).toEqual(
        ids.map((id) => [id, 1, 'success']).sort(),
      )
    } finally {
      gate.resolve()
      await processor.stop(0)
    }
  }, 60_000)
})
