import type { DispatchReceipt, DispatchRequest, JobDefinition, JobService } from '@quantum/runtime'
import { afterEach, expect, it } from 'vitest'
import { createScheduler, type Scheduler } from '../src/index'
import { historyOf, schedule, tempStore, until } from './support/quantum'

/* A fire runs in a Bree worker thread; the services the host lends reach it over the host bridge. */

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** The host's job service: what a fire dispatches lands here, on the host's thread. */
class HostJobs implements JobService {
  readonly dispatched: DispatchRequest[] = []
  readonly definitions: JobDefinition[] = []
  async define(definition: JobDefinition) {
    this.definitions.push(definition)
  }
  async dispatch(request: DispatchRequest): Promise<DispatchReceipt> {
    this.dispatched.push(request)
    return { id: `job-${this.dispatched.length}`, queue: request.queue ?? 'default' }
  }
  async dispatchBatch(requests: DispatchRequest[]) {
    return Promise.all(requests.map((request) => this.dispatch(request)))
  }
}

async function hosted(jobs?: JobService) {
  const t = await tempStore()
  cleanups.push(t.cleanup)
  let scheduler!: Scheduler
  scheduler = createScheduler({
    store: t.store,
    // Sub-second intervals keep these tests short.
    minIntervalMs: 100,
    ...(jobs
      ? {
          host: {
            jobs,
            schedules: {
              register: (definition) => scheduler.service.register(definition),
              pause: (name) => scheduler.service.pause(name),
              resume: (name) => scheduler.service.resume(name),
              delete: (name) => scheduler.service.delete(name),
            },
          },
        }
      : {}),
  })
  cleanups.push(() => scheduler.stop())
  await scheduler.start()
  return { ...t, scheduler }
}

it('a fire dispatches jobs on the host and reads the receipts; the fire succeeds', async () => {
  const jobs = new HostJobs()
  const { store, scheduler } = await hosted(jobs)
  await scheduler.service.register(
    schedule(
      'take',
      `<q:set name="count" scope="component" value="{count + 1}"/>
       <q:job name="work" action="dispatch" queue="orders"><q:param name="n" value="{count}"/></q:job>
       <q:return value="{dispatched_job_work.job_id}"/>`,
      { trigger: { kind: 'interval', everyMs: 400 }, snapshot: { count: 0 } },
    ),
  )
  // A fire due while the cold first one still runs is skipped (overlap="false"): only runs count.
  const rows = await until(
    async () => {
      const found = (await historyOf(store, 'take')).filter((row) => row.status !== 'skipped')
      return found.length >= 2 && found
    },
    10_000,
    'two fires',
  )
  expect(rows.slice(0, 2).map((row) => [row.status, row.result])).toEqual([
    ['success', 'job-1'],
    ['success', 'job-2'],
  ])
  expect(jobs.dispatched.slice(0, 2)).toEqual([
    expect.objectContaining({ name: 'work', queue: 'orders', params: { n: 1 } }),
    expect.objectContaining({ name: 'work', queue: 'orders', params: { n: 2 } }),
  ])
})

it('a fire pauses its own schedule through the host: no fire after that one', async () => {
  const { store, scheduler } = await hosted(new HostJobs())
  await scheduler.service.register(
    schedule('once-only', `<q:schedule name="once-only" action="pause"/><q:return value="{1}"/>`, {
      trigger: { kind: 'interval', everyMs: 1_500 },
    }),
  )
  await until(async () => (await historyOf(store, 'once-only')).length >= 1, 10_000, 'the first fire')
  // Two more intervals: nothing fires once the first fire has paused the schedule.
  await new Promise((resolve) => setTimeout(resolve, 3_000))
  // A fire due while the cold first one still ran is skipped; no fire runs after the pause.
  const rows = (await historyOf(store, 'once-only')).filter((row) => row.status !== 'skipped')
  expect(rows.map((row) => row.status)).toEqual(['success'])
  expect((await store.getSchedule('once-only'))?.status).toBe('paused')
})

it('without a lent job service, q:job in a fire fails with RUNTIME_SERVICE_MISSING and the scheduler goes on', async () => {
  const { store, scheduler } = await hosted()
  await scheduler.service.register(
    schedule('lonely', '<q:job name="work" action="dispatch"/>', {
      trigger: { kind: 'interval', everyMs: 400 },
    }),
  )
  const rows = await until(
    async () => {
      const found = (await historyOf(store, 'lonely')).filter((row) => row.status !== 'skipped')
      return found.length >= 2 && found
    },
    10_000,
    'two fires',
  )
  expect(new Set(rows.map((row) => `${row.status} ${row.error?.code}`))).toEqual(
    new Set(['error RUNTIME_SERVICE_MISSING']),
  )
})
