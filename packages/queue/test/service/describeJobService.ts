import { ErrorCodes } from '@quantum/ast'
import { parse } from '@quantum/parser'
import { createRuntime } from '@quantum/runtime'
import type { Store } from '@quantum/store'
import { createThreadPool, type ThreadPool } from '@quantum/threads'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Processor, QueueAdapter } from '../../src/contract'
import { createJobService, type QueueJobService } from '../../src/index'
import { waitFor } from '../support/wait'

/** A queue and a store on the same isolated data (a temp folder, a key prefix). */
export interface ServiceHarness {
  queue: QueueAdapter
  store: Store
  cleanup(): Promise<void>
}

/** The job service over one adapter: the same tests run on both. */
export function describeJobService(kind: string, open: () => Promise<ServiceHarness>): void {
  describe(`job service on the ${kind} queue`, () => {
    let pool: ThreadPool
    let harness: ServiceHarness
    let service: QueueJobService
    let workers: Processor[]

    beforeAll(async () => {
      pool = createThreadPool({ workers: 1, max: 8 })
      await pool.warm()
    })
    afterAll(() => pool.close())
    beforeEach(async () => {
      harness = await open()
      service = createJobService({ queue: harness.queue, store: harness.store, executor: pool })
      workers = []
    })
    afterEach(async () => {
      await Promise.all(workers.map((worker) => worker.stop(0)))
      await harness.queue.close()
      await harness.store.close()
      await harness.cleanup()
    })

    const work = (concurrency = 2) => {
      const worker = service.work({ concurrency })
      workers.push(worker)
      return worker
    }
    /** Runs `.q` statements with this service as the runtime's JobService. */
    const runQ = (statements: string) =>
      createRuntime({ jobs: service }).run(
        parse(`<q:component name="Jobs">${statements}</q:component>`, { file: 'jobs.q' }),
      )
    const settledJob = (id: string | number) =>
      waitFor(async () => {
        const job = await harness.queue.get(String(id))
        return job && ['completed', 'failed'].includes(job.status) ? job : undefined
      }, `job ${id} to end`)

    it('runs a function handler without any .q file, and records the attempt', async () => {
      service.handle('add', ({ a, b }) => (a as number) + (b as number))
      const { id } = await service.dispatch({ name: 'add', params: { a: 2, b: 40 } })
      work()
      expect(await settledJob(id)).toMatchObject({ status: 'completed', result: 42 })
      const [row] = await waitFor(async () => {
        const rows = await harness.store.history({ name: 'add' })
        return rows.length > 0 && rows
      }, 'the history row')
      expect(row).toMatchObject({ kind: 'job', status: 'success', attempt: 1, runId: String(id), result: 42 })
    })

    it('defines a q:job in the store and runs its body on the executor with params bound and coerced', async () => {
      const ran = await runQ(`
        <q:set name="newOrderId" value="21"/>
        <q:job name="double" queue="orders">
          <q:param name="orderId" type="integer" required="true"/>
          <q:return value="{orderId * 2}"/>
        </q:job>
        <q:job name="double" action="dispatch"><q:param name="orderId" value="{newOrderId}"/></q:job>
        <q:return value="{dispatched_job_double}"/>`)
      const receipt = ran.result as { job_id: string; queue: string }
      expect(receipt).toMatchObject({ queue: 'orders', action: 'dispatch', success: true })
      expect((await harness.store.getJob('double'))?.queue).toBe('orders')
      work()
      expect(await settledJob(receipt.job_id)).toMatchObject({ status: 'completed', result: 42 })
    })

    it('dispatch inherits the definition’s queue, attempts, backoff, timeout and priority unless the tag overrides', async () => {
      const ran = await runQ(`
        <q:job name="report" queue="reports" attempts="5" backoff="fixed:10s" timeout="1m" priority="3"><q:log>x</q:log></q:job>
        <q:job name="report" action="dispatch"/>
        <q:job name="report" action="dispatch" priority="7" queue="urgent"/>
        <q:return value="{[dispatched_job_report.job_id]}"/>`)
      const [last] = ran.result as [string]
      const jobs = await harness.queue.list({ name: 'report' })
      const inherited = jobs.find((job) => job.id !== String(last))
      expect(inherited).toMatchObject({
        queue: 'reports',
        maxAttempts: 5,
        backoff: { kind: 'fixed', delay: 10_000 },
        timeoutMs: 60_000,
        priority: 3,
      })
      expect(await harness.queue.get(String(last))).toMatchObject({
        queue: 'urgent',
        priority: 7,
        maxAttempts: 5,
      })
    })

    it('makes one job per loop iteration of a batch', async () => {
      const ran = await runQ(`
        <q:job name="notify" queue="mail"><q:param name="user" type="string"/><q:return value="{user}"/></q:job>
        <q:set name="users" value='["ann", "bob", "cy"]'/>
        <q:job name="notify" action="batch">
          <q:loop type="array" var="u" items="{users}"><q:param name="user" value="{u}"/></q:loop>
        </q:job>
        <q:return value="{batch_job_notify}"/>`)
      const batch = ran.result as { job_ids: string[]; count: number; queue: string }
      expect(batch).toMatchObject({ count: 3, queue: 'mail', action: 'batch' })
      work()
      const results = await Promise.all(batch.job_ids.map(async (id) => (await settledJob(id)).result))
      expect(results).toEqual(['ann', 'bob', 'cy'])
    })

    it('refuses to dispatch a name nobody defined', async () => {
      await expect(service.dispatch({ name: 'nope', params: {} })).rejects.toMatchObject({
        code: ErrorCodes.QUEUE_JOB_NOT_DEFINED,
        message: "Job 'nope' is not defined",
      })
    })

    it('fails malformed params and unknown names at once with clear errors, and keeps running', async () => {
      await runQ(`<q:job name="charge" attempts="3">
          <q:param name="orderId" type="integer" required="true"/><q:return value="{orderId}"/>
        </q:job>`)
      const [missing, wrong, unknown, fine] = await harness.queue.enqueueMany([
        { name: 'charge', params: {} },
        { name: 'charge', params: { orderId: 'abc' } },
        { name: 'ghost', params: {} },
        { name: 'charge', params: { orderId: '7' } },
      ])
      work(1)
      expect(await settledJob(missing?.id as string)).toMatchObject({
        status: 'failed',
        attempt: 1,
        error: { code: ErrorCodes.RUNTIME_PARAM, message: "Missing required parameter 'orderId'" },
      })
      expect(await settledJob(wrong?.id as string)).toMatchObject({
        status: 'failed',
        attempt: 1,
        error: { message: "Parameter 'orderId' must be integer" },
      })
      expect(await settledJob(unknown?.id as string)).toMatchObject({
        status: 'failed',
        error: { code: ErrorCodes.QUEUE_JOB_NOT_DEFINED, message: "Job 'ghost' is not defined" },
      })
      expect(await settledJob(fine?.id as string)).toMatchObject({ status: 'completed', result: 7 })
    })

    it('records one history row per attempt and leaves the job failed with the body’s error', async () => {
      await runQ(
        `<q:job name="broken" attempts="2" backoff="fixed:0.1s"><q:throw message="no stock"/></q:job>`,
      )
      const { id } = await service.dispatch({ name: 'broken', params: {} })
      work()
      expect(await settledJob(id)).toMatchObject({
        status: 'failed',
        attempt: 2,
        error: { message: 'no stock' },
      })
      const rows = await waitFor(async () => {
        const found = await harness.store.history({ name: 'broken' })
        return found.length === 2 && found
      }, 'two history rows')
      expect(rows.map((row) => [row.attempt, row.status, row.error?.message]).sort()).toEqual([
        [1, 'error', 'no stock'],
        [2, 'error', 'no stock'],
      ])
    })

    it('stops a body that passes its timeout', async () => {
      await runQ(`<q:job name="slow" attempts="1" timeout="1s"><q:sleep duration="20s"/></q:job>`)
      const started = Date.now()
      const { id } = await service.dispatch({ name: 'slow', params: {} })
      work()
      expect(await settledJob(id)).toMatchObject({
        status: 'failed',
        error: { code: ErrorCodes.QUEUE_TIMEOUT, message: 'Job timed out after 1s' },
      })
      expect(Date.now() - started).toBeLessThan(8000)
      const [row] = await waitFor(async () => {
        const found = await harness.store.history({ name: 'slow' })
        return found.length > 0 && found
      }, 'the history row')
      expect(row?.status).toBe('timeout')
      // The body itself was stopped, not left sleeping on a pool thread.
      await waitFor(() => pool.stats().running === 0, 'the body to stop', 3000)
    })
  })
}
