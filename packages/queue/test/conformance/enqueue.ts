import { ErrorCodes } from '@quantum/ast'
import { describe, expect, it } from 'vitest'
import type { Suite } from './describeQueue'

export function enqueueTests(suite: Suite): void {
  describe('enqueue', () => {
    it('stores a job with the defaults a dispatch without options gets', async () => {
      const queue = await suite.open()
      const receipt = await queue.enqueue({ name: 'sendEmail', params: { to: 'a@b.c' } })
      expect(receipt.queue).toBe('default')
      const job = await queue.get(receipt.id)
      expect(job).toMatchObject({
        id: receipt.id,
        name: 'sendEmail',
        queue: 'default',
        params: { to: 'a@b.c' },
        status: 'pending',
        priority: 0,
        attempt: 0,
        maxAttempts: 3,
        backoff: { kind: 'exponential', delay: 30_000 },
        timeoutMs: null,
        startedAt: null,
        completedAt: null,
        error: null,
      })
      expect(job?.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
      expect(Date.parse(job?.runAt as string)).toBeLessThanOrEqual(Date.now())
    })

    it('keeps every option given', async () => {
      const queue = await suite.open()
      const { id } = await queue.enqueue({
        name: 'report',
        queue: 'reports',
        priority: 7,
        attempts: 5,
        backoff: { kind: 'fixed', delay: 1500 },
        timeoutMs: 60_000,
        delayMs: 60_000,
      })
      const job = await queue.get(id)
      expect(job).toMatchObject({
        queue: 'reports',
        priority: 7,
        maxAttempts: 5,
        backoff: { kind: 'fixed', delay: 1500 },
        timeoutMs: 60_000,
      })
      expect(Date.parse(job?.runAt as string) - Date.now()).toBeGreaterThan(50_000)
    })

    it('enqueues many jobs at once, receipts in order', async () => {
      const queue = await suite.open()
      const receipts = await queue.enqueueMany(
        Array.from({ length: 25 }, (_, i) => ({ name: 'n', params: { i }, queue: i % 2 ? 'odd' : 'even' })),
      )
      expect(receipts).toHaveLength(25)
      expect(new Set(receipts.map((receipt) => receipt.id)).size).toBe(25)
      for (const [i, receipt] of receipts.entries()) {
        expect(receipt.queue).toBe(i % 2 ? 'odd' : 'even')
        expect((await queue.get(receipt.id))?.params).toEqual({ i })
      }
    })

    it('refuses a job without a name, or with a priority that is not an integer, and stores nothing', async () => {
      const queue = await suite.open()
      await expect(queue.enqueue({ name: '' })).rejects.toMatchObject({
        code: ErrorCodes.QUEUE_ERROR,
        message: 'Job name is required',
      })
      await expect(queue.enqueue({ name: 'x', priority: 1.5 })).rejects.toMatchObject({
        code: ErrorCodes.QUEUE_ERROR,
        message: "Job 'x': priority must be an integer (got 1.5)",
      })
      await expect(queue.enqueueMany([{ name: 'ok' }, { name: 'x', attempts: 0 }])).rejects.toMatchObject({
        code: ErrorCodes.QUEUE_ERROR,
      })
      expect(await queue.list()).toEqual([])
    })

    it('returns undefined for an unknown id', async () => {
      const queue = await suite.open()
      expect(await queue.get('999999')).toBeUndefined()
    })

    it('fails clearly once closed', async () => {
      const queue = await suite.open()
      await queue.close()
      await expect(queue.enqueue({ name: 'late' })).rejects.toMatchObject({
        code: ErrorCodes.QUEUE_CONNECTION_CLOSED,
      })
    })
  })
}
