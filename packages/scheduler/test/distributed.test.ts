import { randomUUID } from 'node:crypto'
import { openRedisStore } from '@quantum/store/redis'
import { createClient } from 'redis'
import { afterEach, expect, it } from 'vitest'
import { createScheduleRegistrar } from '../src/index'
import { redisWorker, type WorkerProcess } from './support/children'
import { historyOf, schedule, sleep } from './support/quantum'

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'

let cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup()
  cleanups = []
})

async function deletePrefix(prefix: string) {
  const client = createClient({ url: REDIS_URL })
  client.on('error', () => {})
  await client.connect()
  const keys: string[] = []
  for await (const page of client.scanIterator({ MATCH: `${prefix}:*`, COUNT: 500 })) keys.push(...page)
  if (keys.length > 0) await client.del(keys)
  await client.close()
}

it('three worker processes on one Redis fire a 1 s schedule once per second in total, none doubled', async () => {
  const prefix = `quantum-test-${randomUUID()}`
  const store = await openRedisStore({ url: REDIS_URL, prefix })
  cleanups.push(async () => {
    await store.close()
    await deletePrefix(prefix)
  })
  const workers: WorkerProcess[] = ['a', 'b', 'c'].map((id) => redisWorker(REDIS_URL, prefix, id))
  cleanups.push(async () => {
    await Promise.allSettled(workers.map((worker) => worker.stop()))
  })
  await Promise.all(workers.map((worker) => worker.ready))
  await createScheduleRegistrar(store).register(
    schedule('cluster', '<q:return value="{1}"/>', { trigger: { kind: 'interval', everyMs: 1_000 } }),
  )
  const from = Date.now()
  await sleep(10_000)
  const until = Date.now()
  await Promise.all(workers.map((worker) => worker.stop()))
  const rows = await historyOf(store, 'cluster')
  const dues = rows.map((row) => row.dueAt)
  // Each due instant exactly once, all of them successes, on one 1 s grid.
  expect(new Set(dues).size).toBe(dues.length)
  expect(rows.map((row) => row.status)).toEqual(Array(rows.length).fill('success'))
  const elapsedSeconds = (until - from) / 1000
  expect(Math.abs(rows.length - elapsedSeconds)).toBeLessThanOrEqual(1.5)
  for (let i = 1; i < dues.length; i++) expect(Date.parse(dues[i]!) - Date.parse(dues[i - 1]!)).toBe(1_000)
  // Every row names one of the three processes.
  for (const row of rows) expect(['a', 'b', 'c']).toContain(row.workerId)
  // Three processes start (each loading the runtime) and stop on a busy 2-core machine besides the 10 s.
}, 90_000)
