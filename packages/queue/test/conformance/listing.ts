import { describe, expect, it, onTestFinished } from 'vitest'
import type { JobStatus, QueueAdapter } from '../../src/contract'
import { deferred, waitFor } from '../support/wait'
import type { Suite } from './describeQueue'

const ids = (jobs: { id: string }[]) => jobs.map((job) => job.id)

/** Enqueues one at a time, so that each job is newer than the one before. */
/**
 * Enqueue one after another, each in a later millisecond: creation order is by creation time, and the
 * bee adapter orders two queues' jobs created in one millisecond by their ids within their queues.
 */
async function enqueueInTurn(queue: QueueAdapter, jobs: Parameters<QueueAdapter['enqueue']>[0][]) {
  const receipts: string[] = []
  for (const job of jobs) {
    receipts.push((await queue.enqueue(job)).id)
    await new Promise((resolve) => setTimeout(resolve, 3))
  }
  return receipts
}

export function listingTests(suite: Suite): void {
  describe('listing and counting', () => {
    it('pages jobs oldest or newest first, with an offset, across queues and priorities', async () => {
      const queue = await suite.open()
      const [a, b, c, d, e, urgent] = await enqueueInTurn(queue, [
        { name: 'page' },
        { name: 'page' },
        { name: 'other', queue: 'elsewhere' },
        { name: 'page' },
        { name: 'page' },
        { name: 'page', priority: 5 },
      ])
      expect(ids(await queue.list())).toEqual([urgent, a, b, c, d, e])
      expect(ids(await queue.list({ order: 'newest' }))).toEqual([urgent, e, d, c, b, a])
      expect(ids(await queue.list({ order: 'newest', offset: 1, limit: 3 }))).toEqual([e, d, c])
      expect(ids(await queue.list({ offset: 4, limit: 10 }))).toEqual([d, e])
      expect(ids(await queue.list({ offset: 6 }))).toEqual([])
      expect(ids(await queue.list({ queue: 'default', order: 'newest', offset: 1, limit: 2 }))).toEqual([
        e,
        d,
      ])
      expect(ids(await queue.list({ name: 'page', offset: 1, limit: 2 }))).toEqual([a, b])
      expect(ids(await queue.list({ name: 'page', order: 'newest', limit: 0 }))).toEqual([])
      expect(await queue.count()).toBe(6)
      expect(await queue.count({ queue: 'default' })).toBe(5)
      expect(await queue.count({ name: 'other' })).toBe(1)
      expect(await queue.count({ queue: 'elsewhere', name: 'page' })).toBe(0)
      expect(await queue.count({ queue: 'nowhere' })).toBe(0)
    })

    it('refuses a bad offset, limit, order or status with QUEUE_ERROR', async () => {
      const queue = await suite.open()
      await queue.enqueue({ name: 'x' })
      for (const query of [{ offset: -1 }, { offset: 1.5 }, { limit: -2 }, { order: 'sideways' as never }])
        await expect(queue.list(query)).rejects.toMatchObject({ code: 'QUEUE_ERROR' })
      await expect(queue.list({ status: 'done' as JobStatus })).rejects.toMatchObject({ code: 'QUEUE_ERROR' })
      await expect(queue.count({ status: 'done' as JobStatus })).rejects.toMatchObject({
        code: 'QUEUE_ERROR',
      })
    })

    it('lists and counts jobs in every status', async () => {
      // A long lease: the running job must not look lapsed on a busy machine.
      const queue = await suite.open({ leaseMs: 30_000 })
      const [waiting, cancelled] = await enqueueInTurn(queue, [
        { name: 'pending', delayMs: 60_000 },
        { name: 'cancelled', delayMs: 60_000 },
      ])
      await queue.cancel(cancelled as string)
      const [completed, failed, running] = await enqueueInTurn(queue, [
        { name: 'completed' },
        { name: 'failed', attempts: 1 },
        { name: 'running' },
      ])
      const gate = deferred()
      const { settled } = suite.run(
        queue,
        async (job) => {
          if (job.name === 'failed') throw new Error('broken')
          if (job.name === 'running') await gate.promise
          return 'ok'
        },
        { concurrency: 3 },
      )
      onTestFinished(() => gate.resolve())
      await waitFor(() => settled.length === 2, 'the completed and failed jobs')
      await waitFor(async () => (await queue.get(running as string))?.status === 'running', 'the running job')
      const expected: Record<JobStatus, string | undefined> = {
        pending: waiting,
        running,
        completed,
        failed,
        cancelled,
      }
      for (const [status, id] of Object.entries(expected) as [JobStatus, string][]) {
        expect(ids(await queue.list({ status })), status).toEqual([id])
        expect(await queue.count({ status }), status).toBe(1)
        expect(await queue.count({ status, name: status }), status).toBe(1)
        expect(await queue.count({ status, name: 'someone else' }), status).toBe(0)
      }
      expect(await queue.count()).toBe(5)
      expect(ids(await queue.list({ status: 'completed', name: 'failed' }))).toEqual([])
      gate.resolve()
      await waitFor(() => settled.length === 3, 'the running job to end')
      expect(await queue.count({ status: 'completed' })).toBe(2)
      expect(ids(await queue.list({ status: 'completed', order: 'newest' }))).toEqual([running, completed])
    })

    it('forgets purged jobs in lists and counts', async () => {
      const queue = await suite.open()
      const [kept, gone] = await enqueueInTurn(queue, [{ name: 'kept', queue: 'keep' }, { name: 'gone' }])
      await queue.cancel(gone as string)
      expect(await queue.purge('default', 'cancelled')).toBe(1)
      expect(ids(await queue.list())).toEqual([kept])
      expect(await queue.count()).toBe(1)
      expect(await queue.count({ name: 'gone' })).toBe(0)
    })
  })
}
