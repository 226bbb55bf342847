import type { DispatchReceipt, DispatchRequest, JobDefinition, JobService } from '@quantum/runtime'
import type { BodyHost } from '@quantum/runtime/services'
import { afterEach, describe, expect, it } from 'vitest'
import { createThreadPool, createThreadService, type ThreadPool } from '../src/index'
import { bodyOf, documentOf } from './support/quantum'

// Bodies on the pool's worker threads borrow the host's services over the host bridge.

let pool: ThreadPool | undefined
afterEach(async () => {
  await pool?.close()
  pool = undefined
})

/** The host's job service: what a body dispatches lands here, on the host's thread. */
class HostJobs implements JobService {
  readonly dispatched: DispatchRequest[] = []
  async define(_definition: JobDefinition) {}
  async dispatch(request: DispatchRequest): Promise<DispatchReceipt> {
    this.dispatched.push(request)
    return { id: this.dispatched.length, queue: request.queue ?? 'default' }
  }
  async dispatchBatch(requests: DispatchRequest[]) {
    return Promise.all(requests.map((request) => this.dispatch(request)))
  }
}

describe('the pool lends the host’s services to its bodies', () => {
  it('a job body dispatches on the host’s job service, lent after the pool was made', async () => {
    const host: BodyHost = {}
    pool = createThreadPool({ workers: 1, host })
    const body = bodyOf(
      '<q:job name="mail" action="dispatch"><q:param name="to" value="{to}"/></q:job><q:return value="{dispatched_job_mail.job_id}"/>',
    )
    const before = await pool.execute({ body, kind: 'job', params: { to: 'a@b.c' } })
    expect(before).toMatchObject({ status: 'failed', error: { code: 'RUNTIME_SERVICE_MISSING' } })
    const jobs = new HostJobs()
    host.jobs = jobs
    const after = await pool.execute({ body, kind: 'job', params: { to: 'a@b.c' } })
    expect(after).toMatchObject({ status: 'completed', result: 1 })
    expect(jobs.dispatched).toEqual([expect.objectContaining({ name: 'mail', params: { to: 'a@b.c' } })])
  })

  it('a body starts threads on the host’s pool, joins them and runs its on-complete', async () => {
    const host: BodyHost = {}
    pool = createThreadPool({ workers: 2, max: 6, host })
    const own = pool
    host.threads = () => createThreadService(own)
    const outcome = await pool.execute({
      body: bodyOf(
        `<q:function name="done"><q:param name="result"/><q:set name="seen" scope="request" value="{result}"/></q:function>
         <q:thread name="a" on-complete="done"><q:return value="{20 + 1}"/></q:thread>
         <q:thread name="b"><q:return value="{2}"/></q:thread>
         <q:thread name="a,b" action="join"/>
         <q:return value="{[thread.a.result * thread.b.result, request.seen]}"/>`,
      ),
      kind: 'job',
    })
    expect(outcome).toMatchObject({ status: 'completed', result: [42, 21] })
  })

  it('binds a databound param default where the body runs', async () => {
    pool = createThreadPool({ workers: 1 })
    const { component } = documentOf(
      `<q:job name="greet"><q:param name="who" default="{owner + '!'}"/><q:return value="hello {who}"/></q:job>`,
    )
    const job = component.body[0]
    if (job?.type !== 'job') throw new Error('expected a job')
    const outcome = await pool.execute({
      body: { body: job.body, functions: [], snapshot: { owner: 'ana' } },
      kind: 'job',
      defaults: job.params,
    })
    expect(outcome).toMatchObject({ status: 'completed', result: 'hello ana!' })
  })
})
