import type { QueueJob } from '@quantum/queue'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  act,
  call,
  DEPLOYMENTS,
  get,
  scheduleDefinition,
  serve,
  type TestDeployment,
  type TestServer,
} from './support'

/** Seeds what a running deployment would hold: schedules with fires, jobs in every status, attempts. */
async function seed({ deployment: { store, queue } }: TestDeployment) {
  await store.registerSchedule(
    scheduleDefinition('nightly', {
      trigger: { kind: 'cron', expression: '0 3 * * *' },
      timezone: 'Europe/Lisbon',
    }),
    { nextRun: '2030-01-01T03:00:00.000Z' },
  )
  await store.registerSchedule(scheduleDefinition('tick'), { nextRun: '2030-01-01T00:01:00.000Z' })
  await store.updateSchedule('tick', { lastRun: '2029-12-31T23:59:00.000Z', addRuns: 2, addErrors: 1 })
  await store.recordRun({ kind: 'schedule', name: 'tick', status: 'success' })
  await store.recordRun({
    kind: 'schedule',
    name: 'tick',
    status: 'error',
    error: { name: 'RuntimeError', code: 'RUNTIME_ERROR', message: 'tick failed' },
  })
  await store.heartbeat(
    {
      id: 'w1',
      host: 'box',
      pid: 4242,
      startedAt: '2029-12-31T00:00:00.000Z',
      details: { queues: ['mail'] },
    },
    60_000,
  )
  const receipts = await queue.enqueueMany([
    { name: 'mail', queue: 'mail', params: { to: 'ann', lang: 'pt' } },
    { name: 'mail', queue: 'mail', params: { to: 'bob', lang: 'en' } },
    { name: 'mail', queue: 'mail', params: { to: 'cid', lang: 'pt' } },
    { name: 'resize', queue: 'work', params: { w: 100 }, attempts: 1 },
    { name: 'boom', queue: 'work', params: { w: 1 }, attempts: 1 },
  ])
  const ids = receipts.map((receipt) => receipt.id)
  const [, , , resize, boom] = ids as [string, string, string, string, string]
  // A worker runs the work queue: resize completes, boom fails for good; each attempt goes to history.
  const processor = queue.process(
    async (job) => {
      if (job.name === 'boom') throw new Error('it blew up')
      return { size: 100 }
    },
    { queues: ['work'], concurrency: 2 },
  )
  const ended: QueueJob[] = await Promise.all([queue.finished(resize), queue.finished(boom)])
  await processor.stop()
  for (const job of ended) {
    await store.recordRun({
      kind: 'job',
      name: job.name,
      status: job.status === 'completed' ? 'success' : 'error',
      runId: job.id,
      queue: job.queue,
      workerId: 'w1',
      startedAt: job.startedAt,
      completedAt: job.completedAt,
      result: job.result,
      error: job.error,
    })
  }
  return { ids, resize, boom }
}

describe.each(DEPLOYMENTS)('the API on %s', (_, open) => {
  let deployment: TestDeployment
  let server: TestServer
  let seeded: Awaited<ReturnType<typeof seed>>

  beforeEach(async () => {
    deployment = await open()
    seeded = await seed(deployment)
    server = await serve(deployment.target)
  })

  afterEach(async () => {
    await server.stop()
    await deployment.cleanup()
  })

  it('tells the session and lists the live workers', async () => {
    expect(await get(server, '/api/session')).toMatchObject({
      mode: 'monitor',
      store: { kind: deployment.deployment.store.kind },
    })
    const { workers } = await get(server, '/api/workers')
    expect(workers).toEqual([
      expect.objectContaining({ id: 'w1', host: 'box', pid: 4242, details: { queues: ['mail'] } }),
    ])
  })

  it('lists schedules with trigger, timezone, next and last run, last result and counts', async () => {
    const { schedules } = await get(server, '/api/schedules')
    expect(schedules.map((schedule: { name: string }) => schedule.name)).toEqual(['nightly', 'tick'])
    expect(schedules[0]).toMatchObject({
      name: 'nightly',
      status: 'active',
      trigger: { kind: 'cron', expression: '0 3 * * *' },
      timezone: 'Europe/Lisbon',
      nextRun: '2030-01-01T03:00:00.000Z',
      lastRun: null,
      lastResult: null,
      runCount: 0,
    })
    expect(schedules[1]).toMatchObject({
      name: 'tick',
      trigger: { kind: 'interval', everyMs: 60_000 },
      lastRun: '2029-12-31T23:59:00.000Z',
      lastResult: { status: 'error', error: 'tick failed' },
      runCount: 2,
      errorCount: 1,
    })
    const one = await get(server, '/api/schedules/tick?runs=1')
    expect(one.schedule.name).toBe('tick')
    expect(one.runs.map((run: { status: string }) => run.status)).toEqual(['error'])
  })

  it('pauses, resumes, runs and deletes a schedule in the store', async () => {
    const { store } = deployment.deployment
    expect(await act(server, 'POST', '/api/schedules/tick/pause')).toMatchObject({
      status: 200,
      body: { schedule: { name: 'tick', status: 'paused' } },
    })
    expect((await store.getSchedule('tick'))?.status).toBe('paused')
    expect((await get(server, '/api/schedules?status=paused')).schedules).toHaveLength(1)
    await act(server, 'POST', '/api/schedules/tick/resume')
    expect((await store.getSchedule('tick'))?.status).toBe('active')
    const heard: string[] = []
    const stop = await store.watch((event) => heard.push(`${event.action} ${event.name}`))
    expect((await act(server, 'POST', '/api/schedules/nightly/run')).status).toBe(200)
    await until(() => heard.includes('run nightly'))
    await stop()
    expect(await act(server, 'DELETE', '/api/schedules/tick')).toMatchObject({
      status: 200,
      body: { deleted: 'tick' },
    })
    expect(await store.getSchedule('tick')).toBeUndefined()
  })

  it('answers an unknown schedule or action with a coded error', async () => {
    for (const [method, path] of [
      ['POST', '/api/schedules/nope/pause'],
      ['DELETE', '/api/schedules/nope'],
    ] as const) {
      expect(await act(server, method, path)).toMatchObject({
        status: 404,
        body: { error: { code: 'SCHEDULE_NOT_FOUND' } },
      })
    }
    expect((await call(server, 'GET', '/api/schedules/nope')).body.error.code).toBe('SCHEDULE_NOT_FOUND')
    expect(await act(server, 'POST', '/api/schedules/tick/explode')).toMatchObject({
      status: 400,
      body: { error: { code: 'PLAYGROUND_BAD_REQUEST' } },
    })
    expect((await call(server, 'GET', '/api/schedules?status=sleeping')).status).toBe(400)
  })

  it('counts jobs by status per queue, and pauses and resumes a queue', async () => {
    const { queues } = await get(server, '/api/queues')
    expect(queues).toEqual([
      { queue: 'mail', pending: 3, running: 0, completed: 0, failed: 0, cancelled: 0, paused: false },
      { queue: 'work', pending: 0, running: 0, completed: 1, failed: 1, cancelled: 0, paused: false },
    ])
    expect((await act(server, 'POST', '/api/queues/mail/pause')).body.queue).toMatchObject({ paused: true })
    expect((await deployment.deployment.queue.stats('mail')).paused).toBe(true)
    await act(server, 'POST', '/api/queues/mail/resume')
    expect((await deployment.deployment.queue.stats('mail')).paused).toBe(false)
  })

  it('lists jobs newest first, filtered by name, queue, status and params, paged', async () => {
    const [ann, bob, cid] = seeded.ids
    const ids = async (query: string) => {
      const body = await get(server, `/api/jobs${query}`)
      return { ids: body.jobs.map((job: { id: string }) => job.id), total: body.total }
    }
    expect(await ids('?queue=mail')).toEqual({ ids: [cid, bob, ann], total: 3 })
    expect(await ids('?queue=mail&limit=2')).toEqual({ ids: [cid, bob], total: 3 })
    expect(await ids('?queue=mail&limit=2&offset=2')).toEqual({ ids: [ann], total: 3 })
    expect(await ids('?status=failed')).toEqual({ ids: [seeded.boom], total: 1 })
    expect(await ids('?name=resize&status=completed')).toEqual({ ids: [seeded.resize], total: 1 })
    const params = encodeURIComponent(JSON.stringify({ lang: 'pt' }))
    expect(await ids(`?params=${params}`)).toEqual({ ids: [cid, ann], total: 2 })
    expect(await ids(`?params=${params}&limit=1&offset=1`)).toEqual({ ids: [ann], total: 2 })
    const failed = (await get(server, '/api/jobs?status=failed')).jobs[0]
    expect(failed).toMatchObject({
      name: 'boom',
      attempt: 1,
      error: { message: expect.stringContaining('it blew up') },
    })
    // The adapter may not know when a failed attempt started (bee): then there is no duration.
    expect(failed.durationMs).toBe(
      failed.startedAt ? Date.parse(failed.completedAt) - Date.parse(failed.startedAt) : null,
    )
  })

  it('refuses a bad filter or page with a coded error', async () => {
    for (const query of [
      '?status=done',
      '?limit=0',
      '?limit=501',
      '?limit=ten',
      '?offset=-1',
      '?params=%7Bnot-json',
      '?params=%5B1%5D',
      '?name=',
    ]) {
      const reply = await call(server, 'GET', `/api/jobs${query}`)
      expect(reply, query).toMatchObject({ status: 400, body: { error: { code: 'PLAYGROUND_BAD_REQUEST' } } })
    }
  })

  it("shows a job's detail: params, result, error, and every attempt with its worker", async () => {
    const detail = await get(server, `/api/jobs/${encodeURIComponent(seeded.resize)}`)
    expect(detail.job).toMatchObject({
      id: seeded.resize,
      status: 'completed',
      params: { w: 100 },
      result: { size: 100 },
    })
    expect(detail.attempts).toEqual([
      expect.objectContaining({
        kind: 'job',
        name: 'resize',
        runId: seeded.resize,
        workerId: 'w1',
        status: 'success',
      }),
    ])
    const failed = await get(server, `/api/jobs/${encodeURIComponent(seeded.boom)}`)
    expect(failed.attempts[0]).toMatchObject({
      status: 'error',
      error: { message: expect.stringContaining('it blew up') },
    })
    expect(await call(server, 'GET', '/api/jobs/no-such-job')).toMatchObject({
      status: 404,
      body: { error: { code: 'QUEUE_JOB_NOT_FOUND' } },
    })
  })

  it('retries, cancels and deletes one job, and says why when it does not apply', async () => {
    const { queue } = deployment.deployment
    const [ann] = seeded.ids as [string]
    const path = (id: string) => `/api/jobs/${encodeURIComponent(id)}`
    expect(await act(server, 'POST', `${path(ann)}/cancel`)).toMatchObject({
      status: 200,
      body: { job: { status: 'cancelled' } },
    })
    expect((await queue.get(ann))?.status).toBe('cancelled')
    expect(await act(server, 'POST', `${path(ann)}/retry`)).toMatchObject({
      status: 200,
      body: { job: { status: 'pending' } },
    })
    expect(await act(server, 'POST', `${path(seeded.boom)}/retry`)).toMatchObject({ status: 200 })
    expect((await queue.get(seeded.boom))?.status).toBe('pending')
    const refused = await act(server, 'POST', `${path(seeded.resize)}/cancel`)
    expect(refused).toMatchObject({ status: 409, body: { error: { code: 'QUEUE_ERROR' } } })
    expect(refused.body.error.message).toContain('it is completed')
    expect(await act(server, 'DELETE', path(seeded.resize))).toMatchObject({
      status: 200,
      body: { deleted: seeded.resize },
    })
    expect(await queue.get(seeded.resize)).toBeUndefined()
    expect(await act(server, 'DELETE', path(seeded.resize))).toMatchObject({
      status: 404,
      body: { error: { code: 'QUEUE_JOB_NOT_FOUND' } },
    })
    expect((await act(server, 'POST', `${path(ann)}/explode`)).status).toBe(400)
  })

  it('acts on a list of ids, or on every job matching a filter', async () => {
    const { queue } = deployment.deployment
    const [ann, bob, cid] = seeded.ids as [string, string, string]
    const byIds = await act(server, 'POST', '/api/jobs/actions', {
      action: 'cancel',
      ids: [ann, seeded.resize, 'nope'],
    })
    expect(byIds.body).toMatchObject({ action: 'cancel', matched: 3, done: [ann] })
    expect(byIds.body.skipped).toEqual([
      { id: seeded.resize, reason: expect.stringContaining('it is completed') },
      { id: 'nope', reason: 'not found' },
    ])
    const byFilter = await act(server, 'POST', '/api/jobs/actions', {
      action: 'cancel',
      filter: { queue: 'mail', status: 'pending', params: { lang: 'pt' } },
    })
    expect(byFilter.body).toMatchObject({ matched: 1, complete: true, done: [cid], skipped: [] })
    expect((await queue.get(bob))?.status).toBe('pending')
    const deleted = await act(server, 'POST', '/api/jobs/actions', {
      action: 'delete',
      filter: { status: 'cancelled' },
    })
    expect([...deleted.body.done].sort()).toEqual([ann, cid].sort())
    expect(await queue.count({ queue: 'mail' })).toBe(1)
    for (const body of [
      { action: 'cancel' },
      { action: 'cancel', ids: [ann], filter: {} },
      { action: 'explode', ids: [ann] },
      { action: 'retry', ids: 'all' },
      { action: 'retry', filter: { status: 'done' } },
    ]) {
      const reply = await act(server, 'POST', '/api/jobs/actions', body)
      expect(reply, JSON.stringify(body)).toMatchObject({
        status: 400,
        body: { error: { code: 'PLAYGROUND_BAD_REQUEST' } },
      })
    }
    const notJson = await call(server, 'POST', '/api/jobs/actions', {
      headers: { 'x-quantum-token': server.token, 'content-type': 'application/json' },
    })
    expect(notJson.body.error.code).toBe('PLAYGROUND_BAD_REQUEST')
  })

  it('pages history newest first, filtered by name, kind and status', async () => {
    const all = (await get(server, '/api/history')).runs
    expect(all.map((run: { name: string }) => run.name)).toEqual(['boom', 'resize', 'tick', 'tick'])
    const first = await get(server, '/api/history?limit=3')
    expect(first.runs).toEqual(all.slice(0, 3))
    const second = await get(server, `/api/history?limit=3&before=${first.nextBefore}`)
    expect(second).toEqual({ runs: all.slice(3), nextBefore: null })
    expect((await get(server, '/api/history?kind=schedule&status=error')).runs).toEqual([all[2]])
    expect((await get(server, '/api/history?status=success,error&name=resize')).runs).toEqual([all[1]])
    for (const query of ['?kind=cron', '?status=fine', '?limit=0', '?before=x']) {
      expect((await call(server, 'GET', `/api/history${query}`)).status, query).toBe(400)
    }
  })
})

async function until(predicate: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('timed out')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
