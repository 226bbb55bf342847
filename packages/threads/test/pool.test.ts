import { afterEach, describe, expect, it } from 'vitest'
import { createThreadPool, type ThreadPool } from '../src/index'
import { bodyOf, tempHome } from './support/quantum'

let pool: ThreadPool | undefined
afterEach(async () => {
  await pool?.close()
  pool = undefined
})

describe('the pool as a BodyExecutor (what the queue and the scheduler run bodies on)', () => {
  it('runs a body with params off the main thread: result, output and logs in order', async () => {
    pool = createThreadPool({ workers: 1 })
    const seen: string[] = []
    const outcome = await pool.execute({
      body: bodyOf(
        `<q:log>start {id} for {owner}</q:log><p>order {id}</p><q:log level="warning">done</q:log>
         <q:return value="{{ id: id, at: '2026-03-01T10:00:00' }}"/>`,
        { owner: 'ana' },
      ),
      kind: 'job',
      params: { id: 7 },
      onLog: (entry) => seen.push(`${entry.level} ${entry.message}`),
    })
    expect(outcome).toMatchObject({
      status: 'completed',
      result: { id: 7, at: '2026-03-01T10:00:00' },
      output: '<p>order 7</p>\n',
    })
    expect(seen).toEqual(['info start 7 for ana', 'warning done'])
    expect(outcome.logs.map((entry) => entry.message)).toEqual(['start 7 for ana', 'done'])
    expect(outcome.logs[0]?.time).toBeInstanceOf(Date)
    expect(Date.parse(outcome.startedAt ?? '')).not.toBeNaN()
  })

  it('runs bodies started together (sent to a worker in one message), each with its own params and result', async () => {
    pool = createThreadPool({ workers: 2, max: 20 })
    const body = bodyOf('<q:return value="{n * 2}"/>')
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, n) => pool!.execute({ body, kind: 'job', params: { n } })),
    )
    expect(outcomes.map((outcome) => outcome.result)).toEqual(Array.from({ length: 20 }, (_, n) => n * 2))
  })

  it('a failing body resolves as failed with its coded error and position; the worker stays', async () => {
    pool = createThreadPool({ workers: 1 })
    const failed = await pool.execute({
      body: bodyOf('<q:set name="a" value="{1}"/>\n<q:throw message="bad {a}"/>'),
      kind: 'job',
    })
    expect(failed).toMatchObject({
      status: 'failed',
      error: { code: 'RUNTIME_THROW', message: 'bad 1', file: 'test.q', position: { start: { line: 2 } } },
    })
    const next = await pool.execute({ body: bodyOf('<q:return value="{2}"/>'), kind: 'job' })
    expect(next.result).toBe(2)
    expect(pool.stats().workers).toBe(1)
  })

  it('timeoutMs stops a body where it waits; the outcome says timeout and where it stopped', async () => {
    pool = createThreadPool({ workers: 1 })
    const outcome = await pool.execute({
      body: bodyOf('<q:log>before</q:log>\n<q:sleep duration="10s"/>\n<q:log>after</q:log>'),
      kind: 'job',
      timeoutMs: 100,
    })
    expect(outcome).toMatchObject({
      status: 'timeout',
      error: { code: 'RUNTIME_ABORTED', position: { start: { line: 2 } } },
    })
    expect(outcome.logs.map((entry) => entry.message)).toEqual(['before'])
    expect(outcome.elapsedMs).toBeLessThan(2000)
  })

  it('refuses a body when the waiting line is full, and any body once closed, with coded errors', async () => {
    pool = createThreadPool({ workers: 1, max: 1, maxWaiting: 1 })
    const sleep = bodyOf('<q:sleep duration="10s"/>')
    const running = pool.execute({ body: sleep, kind: 'job' })
    const waiting = pool.execute({ body: sleep, kind: 'job' })
    expect(pool.stats()).toEqual({ running: 1, waiting: 1, lent: 0, workers: 1 })
    expect(() => pool?.execute({ body: sleep, kind: 'job' })).toThrow(
      expect.objectContaining({ code: 'THREAD_QUEUE_FULL', details: { maxWaiting: 1 } }),
    )
    await pool.close()
    expect(await running).toMatchObject({ status: 'aborted' })
    expect(await waiting).toMatchObject({ status: 'aborted', elapsedMs: 0 })
    expect(() => pool?.execute({ body: sleep, kind: 'job' })).toThrow(
      expect.objectContaining({ code: 'THREAD_POOL_CLOSED' }),
    )
  })

  it('a body that outgrows its worker’s heap fails, and never the process (V8 aborted it on Node 24); its neighbour and the pool carry on', async () => {
    pool = createThreadPool({ workers: 2, resourceLimits: { maxOldGenerationSizeMb: 48 } })
    await pool.warm()
    const hog = pool.execute({
      body: bodyOf(
        `<q:set name="s" value="x"/>
         <q:loop type="range" var="i" from="1" to="20"><q:set name="s" value="{s + s}"/></q:loop>
         <q:set name="kept" value="{[]}"/>
         <q:loop type="range" var="i" from="1" to="100000"><q:set name="kept" operation="append" value="{s.replace('x', i)}"/></q:loop>`,
      ),
      kind: 'job',
    })
    const neighbour = pool.execute({
      body: bodyOf('<q:sleep duration="3s"/><q:return value="{1}"/>'),
      kind: 'job',
    })
    // Either the run sees its heap nearly full and stops (on Node 24 V8 would abort the whole process
    // there), or V8 ends the worker first as its limit asks (Node 20): never the process.
    const failed = await hog
    expect(failed).toMatchObject({ status: 'failed', error: { message: expect.stringMatching(/memory/) } })
    const code = failed.error?.code
    expect(['RUNTIME_LIMIT_EXCEEDED', 'THREAD_WORKER_LOST']).toContain(code)
    const after = await pool.execute({ body: bodyOf('<q:return value="{3}"/>'), kind: 'job' })
    expect(after).toMatchObject({ status: 'completed', result: 3 })
    expect(await neighbour).toMatchObject({ status: 'completed', result: 1 })
    expect(pool.stats().workers).toBe(2)
  })

  it('a body stuck in native code past the grace period ends with its worker; its neighbours fail clearly', async () => {
    const { home, remove } = tempHome()
    try {
      // Bodies that never hand their event loop a turn (yieldEveryMs is huge): as stuck as native code.
      pool = createThreadPool({
        workers: 1,
        graceMs: 200,
        services: { home, limits: { yieldEveryMs: 600_000, maxSteps: Number.MAX_SAFE_INTEGER } },
      })
      await pool.warm()
      const controller = new AbortController()
      // A loop that runs for minutes without yielding, so no abort message reaches it.
      const stuck = pool.execute({
        body: bodyOf(
          '<q:loop type="range" var="i" from="1" to="1000000000"><q:set name="x" operation="increment"/></q:loop>',
        ),
        kind: 'job',
        signal: controller.signal,
      })
      const neighbour = pool.execute({ body: bodyOf('<q:sleep duration="10s"/>'), kind: 'job' })
      await new Promise((resolve) => setTimeout(resolve, 300))
      const stopping = performance.now()
      controller.abort('stop it')
      expect(await stuck).toMatchObject({ status: 'aborted' })
      expect(performance.now() - stopping).toBeLessThan(1500)
      expect(await neighbour).toMatchObject({
        status: 'failed',
        error: {
          code: 'THREAD_WORKER_LOST',
          message:
            'The worker thread running this body ended (terminated because a body on it did not stop within 200ms); the pool replaced it',
        },
      })
      expect(await pool.execute({ body: bodyOf('<q:return value="{4}"/>'), kind: 'job' })).toMatchObject({
        result: 4,
      })
      await pool.close()
    } finally {
      remove()
    }
  })
})
