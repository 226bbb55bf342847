import { ErrorCodes, QueueError } from '@quantum/ast'
import { describe, expect, it } from 'vitest'
import { permanentFailure } from '../../src/index'
import { deferred, sleep, waitFor } from '../support/wait'
import type { Suite } from './describeQueue'

export function processingTests(suite: Suite): void {
  describe('processing', () => {
    it('runs the handler with the job and keeps its result', async () => {
      const queue = await suite.open()
      const { id } = await queue.enqueue({ name: 'add', params: { a: 2, b: 3 } })
      const { settled } = suite.run(queue, async (job) => {
        expect(job.status).toBe('running')
        expect(job.attempt).toBe(1)
        return (job.params.a as number) + (job.params.b as number)
      })
      await waitFor(() => settled.length === 1, 'the job to settle')
      expect(settled[0]?.settlement).toEqual({ outcome: 'completed', result: 5 })
      const job = await queue.get(id)
      expect(job).toMatchObject({ status: 'completed', result: 5, attempt: 1, runAt: null, error: null })
      expect(Date.parse(job?.completedAt as string)).toBeGreaterThanOrEqual(
        Date.parse(job?.startedAt as string),
      )
    })

    it('takes higher priorities first, first in first out within one', async () => {
      const queue = await suite.open()
      const priorities = [0, 5, 1, 5, 10, 0, 1]
      await queue.enqueueMany(priorities.map((priority, i) => ({ name: 'p', priority, params: { i } })))
      const order: number[] = []
      const { settled } = suite.run(queue, async (job) => {
        order.push(job.params.i as number)
        await sleep(30)
      })
      await waitFor(() => settled.length === priorities.length, 'every job to settle')
      expect(order).toEqual([4, 1, 3, 2, 6, 0, 5])
    })

    it('runs at most `concurrency` attempts at once', async () => {
      const queue = await suite.open()
      await queue.enqueueMany(Array.from({ length: 7 }, () => ({ name: 'c' })))
      let now = 0
      let most = 0
      const { settled } = suite.run(
        queue,
        async () => {
          most = Math.max(most, ++now)
          await sleep(150)
          now--
        },
        { concurrency: 3 },
      )
      await waitFor(() => settled.length === 7, 'every job to settle')
      expect(most).toBe(3)
    })

    it('takes only the queues it was given', async () => {
      const queue = await suite.open()
      await queue.enqueue({ name: 'other', queue: 'b' })
      const mine = await queue.enqueue({ name: 'mine', queue: 'a' })
      const { settled } = suite.run(queue, async () => 'done', { queues: ['a'] })
      await waitFor(() => settled.length === 1, 'the job of queue a')
      await sleep(300)
      expect(settled.map(({ job }) => job.id)).toEqual([mine.id])
      expect((await queue.stats('b')).pending).toBe(1)
    })

    it('starts a job enqueued through the same adapter at once when idle', async () => {
      const queue = await suite.open()
      const started = deferred<number>()
      suite.run(queue, async () => started.resolve(Date.now()))
      await sleep(400)
      const enqueuedAt = Date.now()
      await queue.enqueue({ name: 'now' })
      expect((await started.promise) - enqueuedAt).toBeLessThan(200)
    })

    it('does not start a delayed job before its delay', async () => {
      const queue = await suite.open()
      const enqueuedAt = Date.now()
      await queue.enqueue({ name: 'later', delayMs: 700 })
      const started = deferred<number>()
      suite.run(queue, async () => started.resolve(Date.now()))
      const at = (await started.promise) - enqueuedAt
      expect(at).toBeGreaterThanOrEqual(690)
      expect(at).toBeLessThan(4000)
    })

    it('retries a failed attempt after its backoff, keeping the error while it waits', async () => {
      const queue = await suite.open()
      const { id } = await queue.enqueue({
        name: 'flaky',
        attempts: 3,
        backoff: { kind: 'fixed', delay: 400 },
      })
      const starts: number[] = []
      const { settled } = suite.run(queue, async (job) => {
        starts.push(Date.now())
        if (job.attempt === 1) throw new QueueError(ErrorCodes.QUEUE_ERROR, 'first try fails')
        return 'second try works'
      })
      await waitFor(() => settled.length === 1, 'the first attempt')
      expect(settled[0]?.settlement).toMatchObject({
        outcome: 'retrying',
        error: { message: 'first try fails' },
      })
      const waiting = await queue.get(id)
      expect(waiting).toMatchObject({ status: 'pending', attempt: 1, error: { message: 'first try fails' } })
      await waitFor(() => settled.length === 2, 'the second attempt')
      expect(settled[1]?.settlement).toEqual({ outcome: 'completed', result: 'second try works' })
      expect((starts[1] as number) - (starts[0] as number)).toBeGreaterThanOrEqual(390)
      expect(await queue.get(id)).toMatchObject({ status: 'completed', attempt: 2, error: null })
    })

    it('waits backoff × 2^(attempt-1) between exponential retries', async () => {
      const queue = await suite.open()
      await queue.enqueue({ name: 'exp', attempts: 3, backoff: { kind: 'exponential', delay: 200 } })
      const starts: number[] = []
      const { settled } = suite.run(queue, async () => {
        starts.push(Date.now())
        throw new Error('always')
      })
      await waitFor(() => settled.length === 3, 'three attempts', 15_000)
      const [first, second, third] = starts as [number, number, number]
      expect(second - first).toBeGreaterThanOrEqual(190)
      expect(third - second).toBeGreaterThanOrEqual(390)
      expect(third - second).toBeGreaterThan(second - first)
    })

    it('fails the job for good after its last attempt, with the error', async () => {
      const queue = await suite.open()
      const { id } = await queue.enqueue({
        name: 'broken',
        attempts: 2,
        backoff: { kind: 'fixed', delay: 0 },
      })
      const { settled } = suite.run(queue, async () => {
        throw new Error('disk full')
      })
      await waitFor(() => settled.length === 2, 'both attempts')
      expect(settled.map(({ settlement }) => settlement.outcome)).toEqual(['retrying', 'failed'])
      const job = await queue.get(id)
      expect(job).toMatchObject({
        status: 'failed',
        attempt: 2,
        error: { code: ErrorCodes.QUEUE_JOB_FAILED, message: 'disk full' },
      })
      expect(job?.completedAt).not.toBeNull()
    })

    it('does not retry a failure marked permanent', async () => {
      const queue = await suite.open()
      const { id } = await queue.enqueue({ name: 'bad', attempts: 5, backoff: { kind: 'fixed', delay: 0 } })
      const { settled } = suite.run(queue, async () => {
        throw permanentFailure(new QueueError(ErrorCodes.QUEUE_JOB_NOT_DEFINED, "Job 'bad' is not defined"))
      })
      await waitFor(() => settled.length === 1, 'the attempt')
      await sleep(200)
      expect(settled).toHaveLength(1)
      expect(await queue.get(id)).toMatchObject({
        status: 'failed',
        attempt: 1,
        error: { code: ErrorCodes.QUEUE_JOB_NOT_DEFINED },
      })
    })

    it('fails an attempt that passes its timeout, even when the handler ignores its signal', async () => {
      const queue = await suite.open()
      const { id } = await queue.enqueue({ name: 'slow', attempts: 1, timeoutMs: 300 })
      let aborted: unknown
      const { settled } = suite.run(queue, async (job) => {
        job.signal.addEventListener('abort', () => {
          aborted = job.signal.reason
        })
        await sleep(1500)
      })
      await waitFor(() => settled.length === 1, 'the attempt')
      expect(settled[0]?.settlement).toMatchObject({
        outcome: 'failed',
        error: { code: ErrorCodes.QUEUE_TIMEOUT, message: 'Job timed out after 300ms' },
      })
      expect(aborted).toMatchObject({ code: ErrorCodes.QUEUE_TIMEOUT })
      expect((await queue.get(id))?.status).toBe('failed')
    })

    it('reports progress to listeners and on the job', async () => {
      const queue = await suite.open()
      const seen: unknown[] = []
      const stop = queue.onProgress((event) => seen.push(event))
      const { id } = await queue.enqueue({ name: 'long' })
      const release = deferred()
      const { settled } = suite.run(queue, async (job) => {
        await job.progress({ done: 50 })
        await release.promise
      })
      await waitFor(() => seen.length === 1, 'the progress event')
      expect(seen[0]).toEqual({ id, queue: 'default', name: 'long', progress: { done: 50 } })
      expect((await queue.get(id))?.progress).toEqual({ done: 50 })
      release.resolve()
      await waitFor(() => settled.length === 1, 'the job to settle')
      stop()
    })

    it('stops taking jobs, lets running ones finish within the grace period, and hands back the rest', async () => {
      const queue = await suite.open()
      const quick = await queue.enqueue({ name: 'quick', priority: 1 })
      const stuck = await queue.enqueue({ name: 'stuck' })
      const both = deferred()
      let started = 0
      const { processor, settled } = suite.run(
        queue,
        async (job) => {
          if (++started === 2) both.resolve()
          if (job.name === 'quick') await sleep(100)
          else await new Promise((resolve) => job.signal.addEventListener('abort', resolve))
        },
        { concurrency: 2 },
      )
      await both.promise
      await processor.stop(800)
      expect(settled.map(({ job }) => job.id)).toEqual([quick.id])
      expect(await queue.get(stuck.id)).toMatchObject({ status: 'pending', attempt: 0 })
      const again = suite.run(queue, async (job) => job.attempt)
      await waitFor(() => again.settled.length === 1, 'the handed-back job', 15_000)
      expect(again.settled[0]?.settlement).toEqual({ outcome: 'completed', result: 1 })
    })
  })
}
