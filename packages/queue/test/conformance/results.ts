import { describe, expect, it, onTestFinished } from 'vitest'
import { createJobService } from '../../src/index'
import { Workers } from '../support/workers'
import type { Suite } from './describeQueue'

/** `result()` of the job service (over the adapter's `finished`), with the jobs run by another process. */
export function resultTests(suite: Suite): void {
  describe('waiting for results', () => {
    const setUp = async () => {
      const queue = await suite.open()
      const service = createJobService({ queue })
      // Registered here for the dispatch defaults only: the worker process runs them.
      const double = service.handle<{ n: number; ms?: number }, number>('double', ({ n }) => n * 2)
      const broken = service.handle('broken', () => undefined)
      const workers = new Workers()
      onTestFinished(() => workers.killAll())
      const startWorker = () => workers.start(suite.harness().childConfig(), 'results')
      return { queue, service, double, broken, startWorker }
    }

    it('resolves with the result of a job another process runs, and at once once it has ended', async () => {
      const { service, double, startWorker } = await setUp()
      const { id } = await double.dispatch({ n: 21, ms: 200 })
      const result = service.result(id, { timeoutMs: 30_000 })
      await startWorker()
      expect(await result).toBe(42)
      expect(await service.result(id, { timeoutMs: 1 })).toBe(42)
    })

    it('rejects with QUEUE_JOB_FAILED carrying the job error when it fails for good', async () => {
      const { service, broken, startWorker } = await setUp()
      const { id } = await broken.dispatch({}, { attempts: 2, backoff: { kind: 'fixed', delay: 100 } })
      const result = service.result(id, { timeoutMs: 30_000 })
      await startWorker()
      const error = await result.catch((failure: unknown) => failure)
      expect(error).toMatchObject({
        code: 'QUEUE_JOB_FAILED',
        details: { id, name: 'broken', attempt: 2, error: { message: 'broken on purpose' } },
        cause: { code: 'QUEUE_JOB_FAILED', message: 'broken on purpose' },
      })
      expect((error as Error).message).toContain('broken on purpose')
    })

    it('rejects with QUEUE_JOB_CANCELLED when another adapter cancels the job', async () => {
      const { service, double } = await setUp()
      const other = await suite.open()
      const { id } = await double.dispatch({ n: 1 }, { delayMs: 60_000 })
      const result = service.result(id, { timeoutMs: 30_000 })
      expect(await other.cancel(id)).toBe(true)
      await expect(result).rejects.toMatchObject({ code: 'QUEUE_JOB_CANCELLED', details: { id } })
    })

    it('rejects with QUEUE_RESULT_TIMEOUT when the job does not end in time, and QUEUE_JOB_NOT_FOUND for an unknown id', async () => {
      const { queue, service, double } = await setUp()
      const { id } = await double.dispatch({ n: 1 }, { delayMs: 60_000 })
      const started = Date.now()
      await expect(service.result(id, { timeoutMs: 300 })).rejects.toMatchObject({
        code: 'QUEUE_RESULT_TIMEOUT',
        details: { id, timeoutMs: 300 },
      })
      expect(Date.now() - started).toBeGreaterThanOrEqual(290)
      expect((await queue.get(id))?.status).toBe('pending')
      await expect(service.result('424242')).rejects.toMatchObject({ code: 'QUEUE_JOB_NOT_FOUND' })
      await expect(queue.finished(id, { timeoutMs: -1 })).rejects.toMatchObject({ code: 'QUEUE_ERROR' })
    })

    it('rejects waits with QUEUE_CONNECTION_CLOSED when the adapter closes', async () => {
      const { queue, service, double } = await setUp()
      const { id } = await double.dispatch({ n: 1 }, { delayMs: 60_000 })
      const result = service.result(id)
      await new Promise((resolve) => setTimeout(resolve, 50))
      const rejected = expect(result).rejects.toMatchObject({ code: 'QUEUE_CONNECTION_CLOSED' })
      await queue.close()
      await rejected
    })
  })
}
