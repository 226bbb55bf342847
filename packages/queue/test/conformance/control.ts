import { describe, expect, it } from 'vitest'
import { sleep, waitFor } from '../support/wait'
import type { Suite } from './describeQueue'

export function controlTests(suite: Suite): void {
  describe('control', () => {
    it('cancels a pending job, which then never runs; a finished job cannot be cancelled', async () => {
      const queue = await suite.open()
      const doomed = await queue.enqueue({ name: 'doomed', delayMs: 300 })
      expect(await queue.cancel(doomed.id)).toBe(true)
      expect(await queue.get(doomed.id)).toMatchObject({ status: 'cancelled', runAt: null })
      const done = await queue.enqueue({ name: 'done' })
      const { settled } = suite.run(queue, async () => 'ran')
      await waitFor(() => settled.length === 1, 'the other job')
      await sleep(500)
      expect(settled.map(({ job }) => job.id)).toEqual([done.id])
      expect(await queue.cancel(done.id)).toBe(false)
      expect(await queue.cancel('424242')).toBe(false)
    })

    it('retries a failed job from attempt 1', async () => {
      const queue = await suite.open()
      const { id } = await queue.enqueue({ name: 'once', attempts: 1 })
      let calls = 0
      const { settled } = suite.run(queue, async () => {
        if (++calls === 1) throw new Error('not yet')
        return 'now'
      })
      await waitFor(() => settled.length === 1, 'the failure')
      expect((await queue.get(id))?.status).toBe('failed')
      expect(await queue.retry(id)).toBe(true)
      await waitFor(() => settled.length === 2, 'the retried run')
      expect(await queue.get(id)).toMatchObject({
        status: 'completed',
        attempt: 1,
        result: 'now',
        error: null,
      })
      expect(await queue.retry(id)).toBe(false)
    })

    it('counts jobs by status per queue, and lists the queues', async () => {
      const queue = await suite.open()
      await queue.enqueueMany([{ name: 'a' }, { name: 'b' }, { name: 'c', queue: 'mail' }])
      const cancelled = await queue.enqueue({ name: 'd', queue: 'mail' })
      await queue.cancel(cancelled.id)
      expect(await queue.stats('default')).toEqual({
        queue: 'default',
        pending: 2,
        running: 0,
        completed: 0,
        failed: 0,
        cancelled: 0,
        paused: false,
      })
      expect(await queue.stats('nothing-here')).toMatchObject({ queue: 'nothing-here', pending: 0 })
      const queues = await queue.queues()
      expect(queues.map((stats) => [stats.queue, stats.pending, stats.cancelled])).toEqual([
        ['default', 2, 0],
        ['mail', 1, 1],
      ])
    })

    it('lists jobs by priority then age, filtered by queue, status and name', async () => {
      const queue = await suite.open()
      const [low, high, other] = await queue.enqueueMany([
        { name: 'x', priority: 1 },
        { name: 'x', priority: 9 },
        { name: 'y', queue: 'elsewhere' },
      ])
      expect((await queue.list()).map((job) => job.id)).toEqual([high?.id, low?.id, other?.id])
      expect((await queue.list({ queue: 'elsewhere' })).map((job) => job.id)).toEqual([other?.id])
      expect((await queue.list({ name: 'x', limit: 1 })).map((job) => job.id)).toEqual([high?.id])
      expect(await queue.list({ status: 'failed' })).toEqual([])
    })

    it('purges a queue: every job not running, or only those of a status', async () => {
      const queue = await suite.open()
      await queue.enqueueMany([{ name: 'a' }, { name: 'b' }, { name: 'c', queue: 'keep' }])
      const gone = await queue.enqueue({ name: 'd' })
      await queue.cancel(gone.id)
      expect(await queue.purge('default', 'cancelled')).toBe(1)
      expect(await queue.get(gone.id)).toBeUndefined()
      expect(await queue.purge('default')).toBe(2)
      expect((await queue.stats('default')).pending).toBe(0)
      expect((await queue.stats('keep')).pending).toBe(1)
    })

    it('removes one job that is not running, and no other', async () => {
      const queue = await suite.open()
      const other = await suite.open()
      const [kept, gone, failed] = await queue.enqueueMany([
        { name: 'a' },
        { name: 'a', params: { n: 2 } },
        { name: 'b', attempts: 1 },
      ])
      expect(await other.remove(gone!.id)).toBe(true)
      expect(await queue.get(gone!.id)).toBeUndefined()
      expect(await queue.remove(gone!.id)).toBe(false)
      expect(await queue.remove('no-such-job')).toBe(false)
      expect((await queue.list({ name: 'a' })).map((job) => job.id)).toEqual([kept?.id])
      expect(await queue.count({ name: 'a' })).toBe(1)
      await queue.cancel(failed!.id)
      expect(await queue.remove(failed!.id)).toBe(true)
      expect(await queue.count()).toBe(1)
      expect((await queue.stats('default')).cancelled).toBe(0)
    })

    it('tells a change listener when another instance enqueues or ends a job, until it stops', async () => {
      const queue = await suite.open()
      const other = await suite.open()
      let calls = 0
      const stop = await queue.onChange(() => {
        calls++
      })
      const job = await other.enqueue({ name: 'a' })
      await waitFor(() => calls > 0, 'the enqueue', 5000)
      let seen = calls
      await other.cancel(job.id)
      await waitFor(() => calls > seen, 'the cancel', 5000)
      seen = calls
      await other.retry(job.id)
      await waitFor(() => calls > seen, 'the retry', 5000)
      stop()
      seen = calls
      await other.enqueue({ name: 'b' })
      await sleep(600)
      expect(calls).toBe(seen)
    })

    it('pauses a queue for every worker and resumes it', async () => {
      const queue = await suite.open()
      const other = await suite.open()
      await queue.pause('default')
      expect((await other.stats('default')).paused).toBe(true)
      await queue.enqueue({ name: 'waits' })
      const { settled } = suite.run(other, async () => 'ran')
      await sleep(600)
      expect(settled).toHaveLength(0)
      await queue.resume('default')
      await waitFor(() => settled.length === 1, 'the job after resume', 5000)
      expect((await other.stats('default')).paused).toBe(false)
    })
  })
}
