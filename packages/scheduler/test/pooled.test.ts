import { readFileSync } from 'node:fs'
import { afterEach, expect, it } from 'vitest'
import { createScheduler, type Scheduler, type SchedulerOptions } from '../src/index'
import { historyOf, schedule, sleep, tempStore, until } from './support/quantum'

/*
 * Fires share a few long-lived fire workers, whatever the number of schedules. Real time, real worker
 * threads, a real SQLite file; bounds are wide (a busy 2-core machine), and nothing here is timed.
 */

let cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup()
  cleanups = []
})

async function setup(options: (home: string) => Partial<SchedulerOptions>) {
  const t = await tempStore()
  cleanups.push(t.cleanup)
  const scheduler: Scheduler = createScheduler({ store: t.store, minIntervalMs: 100, ...options(t.home) })
  cleanups.push(() => scheduler.stop())
  return { ...t, scheduler }
}

/** This process's threads now (Linux: the `Threads:` line of /proc/self/status). */
function threadCount(): number {
  const line = readFileSync('/proc/self/status', 'utf8').match(/^Threads:\s+(\d+)$/m)
  if (!line) throw new Error('no Threads: line in /proc/self/status')
  return Number(line[1])
}

it('300 schedules of 1 s on 2 fire workers: each fires about every second, none twice for an instant, threads stay bounded', async () => {
  const before = threadCount()
  const { store, scheduler } = await setup(() => ({ workers: 2, minIntervalMs: 1_000 }))
  let peak = before
  const sampler = setInterval(() => {
    peak = Math.max(peak, threadCount())
  }, 100)
  cleanups.push(async () => clearInterval(sampler))
  await scheduler.start()
  const names = Array.from({ length: 300 }, (_, index) => `tick-${index}`)
  for (const name of names) {
    await scheduler.service.register(
      schedule(name, '<q:set name="n" value="{1}"/>', { trigger: { kind: 'interval', everyMs: 1_000 } }),
    )
  }
  await sleep(10_000)
  await scheduler.stop()
  clearInterval(sampler)
  peak = Math.max(peak, threadCount())

  const rows = await store.history({ kind: 'schedule', limit: 10_000 })
  const seen = new Set<string>()
  const perSchedule = new Map<string, number>()
  for (const row of rows) {
    const key = `${row.name} ${row.dueAt}`
    expect(seen.has(key), `${key} recorded twice`).toBe(false)
    seen.add(key)
    perSchedule.set(row.name, (perSchedule.get(row.name) ?? 0) + 1)
  }
  expect(rows.every((row) => row.status === 'success')).toBe(true)
  // About ten fires each in ten seconds (registering 300 takes a moment): wide bounds, never a stall.
  for (const name of names) {
    expect(perSchedule.get(name) ?? 0, name).toBeGreaterThanOrEqual(5)
    expect(perSchedule.get(name) ?? 0, name).toBeLessThanOrEqual(11)
  }
  // Two fire workers, whatever the number of schedules (a thread each would be 300 more); the margin is
  // for threads Node or V8 start on their own (GC helpers, the libuv pool).
  expect(peak - before).toBeLessThanOrEqual(2 + 6)
})

it('a fire past its timeout in q:sleep is stopped at once and recorded `timeout`; its worker keeps serving', async () => {
  const { store, scheduler } = await setup(() => ({ workers: 1 }))
  await scheduler.start()
  await scheduler.service.register(
    schedule('sleepy', '<q:sleep duration="60s"/>', {
      trigger: { kind: 'interval', everyMs: 1_500 },
      timeoutMs: 300,
    }),
  )
  const rows = await until(
    async () => {
      const found = await historyOf(store, 'sleepy')
      return found.length >= 2 && found
    },
    20_000,
    'two fires',
  )
  for (const row of rows.slice(0, 2)) {
    expect(row).toMatchObject({ status: 'timeout', error: { code: 'SCHEDULE_TIMEOUT' } })
    // Stopped at its timeout, far from the 60 s it asked for (wide margin for a busy machine).
    expect(Date.parse(row.completedAt!) - Date.parse(row.startedAt!)).toBeLessThan(10_000)
  }
})

it('a fire stuck in a loop past its timeout ends its worker; a neighbour on that worker fails with THREAD_WORKER_LOST; both schedules fire again', async () => {
  const { store, scheduler } = await setup((home) => ({
    workers: 1,
    // Bodies that never give their event loop a turn: as stuck as native code, deaf to the abort.
    services: { home, limits: { yieldEveryMs: 600_000, maxSteps: Number.MAX_SAFE_INTEGER } },
  }))
  await scheduler.start()
  // The neighbour sleeps through the stuck fire's timeout and grace on the same (only) worker.
  await scheduler.service.register(
    schedule('neighbour', '<q:sleep duration="4s"/><q:return value="{1}"/>', {
      trigger: { kind: 'interval', everyMs: 3_000 },
      overlap: true,
    }),
  )
  await sleep(500)
  // Loops on its first fire only: the marker row is written before the loop, so later fires return at once.
  await scheduler.service.register(
    schedule(
      'stuck',
      `<q:query name="ddl" datasource="db">CREATE TABLE IF NOT EXISTS marks (n INTEGER)</q:query>
       <q:query name="seen" datasource="db">SELECT count(*) AS c FROM marks</q:query>
       <q:query name="mark" datasource="db">INSERT INTO marks (n) VALUES (1)</q:query>
       <q:if condition="{seen.c == 0}">
         <q:loop type="range" var="i" from="1" to="1000000000"><q:set name="x" value="{i}"/></q:loop>
       </q:if>
       <q:return value="{seen.c}"/>`,
      { trigger: { kind: 'interval', everyMs: 3_000 }, timeoutMs: 1_000 },
    ),
  )
  await until(
    async () => {
      const stuck = await historyOf(store, 'stuck')
      const neighbour = await historyOf(store, 'neighbour')
      return (
        stuck.some((row) => row.status === 'success') && neighbour.some((row) => row.status === 'success')
      )
    },
    30_000,
    'a success of each schedule after the stuck fire',
  )
  const stuck = await historyOf(store, 'stuck')
  const neighbour = await historyOf(store, 'neighbour')
  expect(stuck[0]).toMatchObject({ status: 'timeout', error: { code: 'SCHEDULE_TIMEOUT' } })
  expect(stuck.at(-1)).toMatchObject({ status: 'success' })
  const lost = neighbour.find((row) => row.status === 'error')
  expect(lost).toMatchObject({
    error: {
      code: 'THREAD_WORKER_LOST',
      message: expect.stringContaining('did not stop within'),
    },
  })
  // The neighbour's fire that was lost is recorded once; a later one of it succeeded on the new worker.
  expect(neighbour.findIndex((row) => row.status === 'success')).toBeGreaterThan(neighbour.indexOf(lost!))
})

it('a fire that outgrows its worker’s heap fails, never the process; its next fire runs, and a neighbour schedule carries on', async () => {
  const { store, scheduler } = await setup(() => ({
    workers: 2,
    resourceLimits: { maxOldGenerationSizeMb: 48 },
  }))
  await scheduler.start()
  await scheduler.service.register(
    schedule('neighbour', '<q:sleep duration="1s"/><q:return value="{1}"/>', {
      trigger: { kind: 'interval', everyMs: 2_000 },
    }),
  )
  await scheduler.service.register(
    schedule(
      'hog',
      `<q:set name="s" value="x"/>
       <q:loop type="range" var="i" from="1" to="20"><q:set name="s" value="{s + s}"/></q:loop>
       <q:set name="kept" value="{[]}"/>
       <q:loop type="range" var="i" from="1" to="100000"><q:set name="kept" operation="append" value="{s.replace('x', i)}"/></q:loop>`,
      { trigger: { kind: 'interval', everyMs: 2_000 } },
    ),
  )
  const hog = await until(
    async () => {
      const found = await historyOf(store, 'hog')
      return found.length >= 2 && found
    },
    30_000,
    'two fires of the hog',
  )
  // Either the run sees its heap nearly full and stops, or V8 ends the worker first as its limit asks.
  for (const row of hog.slice(0, 2)) {
    expect(row).toMatchObject({ status: 'error', error: { message: expect.stringMatching(/memory/) } })
    expect(['RUNTIME_LIMIT_EXCEEDED', 'THREAD_WORKER_LOST']).toContain(row.error?.code)
  }
  const neighbour = await until(
    async () => {
      const found = await historyOf(store, 'neighbour')
      return found.some((row) => row.status === 'success') && found
    },
    20_000,
    'a success of the neighbour',
  )
  expect(neighbour.some((row) => row.status === 'success')).toBe(true)
  expect(scheduler.stats().schedules).toBe(2)
})
