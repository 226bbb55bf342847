import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest'
import { openBeeQueue } from '../src/bee'
import type { ActiveJob, QueueAdapter, QueueJob } from '../src/contract'
import { REDIS_URL, type RedisAdmin, redisAdmin, uniquePrefix } from './support/redisAdmin'
import { deferred, sleep, waitFor } from './support/wait'
import { Workers } from './support/workers'

// The bee processor holds jobs beyond its concurrency (one until it knows how long its jobs run, then
// about 2 ms of work; their attempts taken but not started, their leases renewed), so a freed slot starts the next job
// without waiting for Redis. A held job must never be lost or run twice.

let admin: RedisAdmin
let prefix: string
const opened: QueueAdapter[] = []
const workers = new Workers()

beforeAll(async () => {
  admin = await redisAdmin()
})
beforeEach(() => {
  prefix = uniquePrefix()
})
afterEach(async () => {
  await workers.killAll()
  await Promise.all(opened.splice(0).map((queue) => queue.close()))
  await admin.deletePrefix(prefix)
})
afterAll(() => admin.close())

async function open(leaseMs = 1000): Promise<QueueAdapter> {
  const queue = await openBeeQueue({ url: REDIS_URL, prefix, stallIntervalMs: leaseMs, pollMs: 100 })
  opened.push(queue)
  return queue
}

it('hands held jobs back on stop: pending again, their attempt not counted, and another processor runs them', async () => {
  const queue = await open()
  const [first, second, third] = await queue.enqueueMany([{ name: 'a' }, { name: 'b' }, { name: 'c' }])
  const gate = deferred()
  const started: string[] = []
  const processor = queue.process(
    async (job) => {
      started.push(job.name)
      await gate.promise
      return job.attempt
    },
    { concurrency: 1 },
  )
  await waitFor(async () => (await queue.get(second?.id as string))?.status === 'running', 'b to be held')
  expect(started).toEqual(['a'])
  const stopping = processor.stop(5000)
  await waitFor(async () => (await queue.get(second?.id as string))?.status === 'pending', 'b handed back')
  gate.resolve()
  await stopping
  expect(started).toEqual(['a'])
  expect(await queue.get(first?.id as string)).toMatchObject({ status: 'completed', attempt: 1 })
  expect(await queue.get(second?.id as string)).toMatchObject({ status: 'pending', attempt: 0 })
  expect(await queue.get(third?.id as string)).toMatchObject({ status: 'pending', attempt: 0 })
  expect(await queue.stats('default')).toMatchObject({ pending: 2, running: 0, completed: 1 })

  const again = await open()
  const results = new Map<string, unknown>()
  again.process(async (job) => job.attempt, {
    settled: (job, settlement) => {
      results.set(job.name, settlement.outcome === 'completed' && settlement.result)
    },
  })
  await waitFor(() => results.size === 2, 'b and c to run elsewhere')
  expect(Object.fromEntries(results)).toEqual({ b: 1, c: 1 })
  expect(await queue.stats('default')).toMatchObject({ pending: 0, running: 0, completed: 3 })
})

it('a held job whose worker froze past its lease is run by another processor, never by the frozen one', async () => {
  const leaseMs = 600
  const queue = await open(leaseMs)
  const config = { kind: 'bee', options: { url: REDIS_URL, prefix, stallIntervalMs: leaseMs, pollMs: 100 } }
  const frozen = await workers.start(config, 'slow')
  const [busy, held] = await queue.enqueueMany([
    { name: 'busy', params: { ms: 60_000 }, attempts: 3 },
    { name: 'held', params: { ms: 10 }, attempts: 3 },
  ])
  await frozen.message((message) => message.started === busy?.id, 'the worker to start busy')
  await waitFor(async () => (await queue.get(held?.id as string))?.status === 'running', 'held to be held')
  frozen.child.kill('SIGSTOP')
  const lost: [string, number][] = []
  const settled: QueueJob[] = []
  const rescue = async (job: ActiveJob) => {
    if (job.name === 'held') return 'rescued'
    await new Promise((resolve) => job.signal.addEventListener('abort', resolve))
    return 'handed back'
  }
  queue.process(rescue, {
    concurrency: 2,
    lost: (job, attempt) => {
      lost.push([job.name, attempt])
    },
    settled: (job) => {
      settled.push(job)
    },
  })
  await waitFor(() => settled.length === 1, 'the rescuer to run held', 15_000)
  // It never started on the frozen worker: that attempt was not spent, and nothing was lost.
  expect(await queue.get(held?.id as string)).toMatchObject({
    status: 'completed',
    result: 'rescued',
    attempt: 1,
  })
  expect(lost.filter(([name]) => name === 'held')).toEqual([])
  frozen.child.kill('SIGCONT')
  // Awake again, the frozen worker finds its hold lost at its next renewal and drops the job.
  await sleep(leaseMs * 2)
  expect(frozen.messages.filter((message) => message.started === held?.id)).toEqual([])
  expect(await queue.get(held?.id as string)).toMatchObject({ status: 'completed', result: 'rescued' })
}, 30_000)

it('runs a backlog of mixed priorities highest first with several slots and a job held ahead', async () => {
  const queue = await open()
  const priorities = [0, 3, 1, 3, 9, 0, 1, 5, 9, 2, 0, 5]
  await queue.enqueueMany(priorities.map((priority, i) => ({ name: 'p', priority, params: { i } })))
  const order: number[] = []
  let done = 0
  queue.process(
    async (job) => {
      order.push(job.params.i as number)
      await sleep(20)
    },
    { concurrency: 3, settled: () => void done++ },
  )
  await waitFor(() => done === priorities.length, 'every job to run')
  const expected = priorities
    .map((priority, i) => ({ priority, i }))
    .sort((a, b) => b.priority - a.priority || a.i - b.i)
    .map(({ i }) => i)
  expect(order).toEqual(expected)
})

it('a higher-priority job taken while lower ones are held runs before them', async () => {
  const queue = await open()
  const order: string[] = []
  const gate = deferred()
  let done = 0
  queue.process(
    async (job) => {
      order.push(job.name)
      if (job.name === 'gate') await gate.promise
    },
    { concurrency: 1, settled: () => void done++ },
  )
  // Short jobs first: the processor then holds several ahead.
  await queue.enqueueMany(Array.from({ length: 30 }, () => ({ name: 'warm' })))
  await waitFor(() => done === 30, 'the warm-up jobs')
  await queue.enqueue({ name: 'gate' })
  await waitFor(() => order.includes('gate'), 'the gate job to start')
  const lows = await queue.enqueueMany([{ name: 'low1' }, { name: 'low2' }, { name: 'low3' }])
  const running = async (id: string) => (await queue.get(id))?.status === 'running'
  for (const { id } of lows) await waitFor(() => running(id), 'the low jobs to be held')
  const high = await queue.enqueue({ name: 'high', priority: 5 })
  await waitFor(() => running(high.id), 'the high job to be held')
  gate.resolve()
  await waitFor(() => done === 35, 'every job to run')
  expect(order.slice(30)).toEqual(['gate', 'high', 'low1', 'low2', 'low3'])
})
