import type { ScheduleDefinition } from '@quantum/runtime'
import type { RunRecord } from '@quantum/store'
import { afterEach, expect, it } from 'vitest'
import { createScheduleRegistrar, createScheduler, type Scheduler, type SchedulerOptions } from '../src/index'
import { controlInChild } from './support/children'
import { historyOf, schedule, sleep, tempStore, until } from './support/quantum'

/*
 * Real time, real workers, a real SQLite file. Bounds are wide: this machine is busy. Intervals are
 * sub-second to keep these tests short, so the scheduler's one-second minimum is lowered here.
 */
const minIntervalMs = 100

let cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup()
  cleanups = []
})

async function setup(options: Partial<SchedulerOptions> = {}) {
  const t = await tempStore()
  cleanups.push(t.cleanup)
  const open = (more: Partial<SchedulerOptions> = {}): Scheduler => {
    const scheduler = createScheduler({ store: t.store, minIntervalMs, ...options, ...more })
    cleanups.push(() => scheduler.stop())
    return scheduler
  }
  return { ...t, open }
}

const rowsWith = (rows: RunRecord[], status: string) => rows.filter((row) => row.status === status)
const ms = (at: string | null) => Date.parse(at!)

it('an interval schedule fires on its grid, never early, less than a second late', async () => {
  const { store, open } = await setup()
  const scheduler = open()
  await scheduler.start()
  await scheduler.service.register(
    schedule('tick', '<q:return value="{1}"/>', { trigger: { kind: 'interval', everyMs: 700 } }),
  )
  const rows = await until(
    async () => {
      const found = await historyOf(store, 'tick')
      return found.length >= 4 && found
    },
    10_000,
    'four fires',
  )
  expect(rows.map((row) => row.status)).toEqual(Array(rows.length).fill('success'))
  for (const [i, row] of rows.entries()) {
    const late = ms(row.startedAt) - ms(row.dueAt)
    expect(late).toBeGreaterThanOrEqual(0)
    expect(late).toBeLessThan(1_000)
    if (i > 0) expect(ms(row.dueAt) - ms(rows[i - 1]!.dueAt)).toBe(700)
  }
})

it('pause from another process stops fires within a second; resume there restarts them', async () => {
  const { store, home, open } = await setup()
  const scheduler = open()
  await scheduler.start()
  await scheduler.service.register(
    schedule('beat', '<q:return value="{1}"/>', { trigger: { kind: 'interval', everyMs: 500 } }),
  )
  await until(async () => (await historyOf(store, 'beat')).length >= 2, 10_000, 'two fires')
  await controlInChild(home, 'pause', 'beat')
  const pausedAt = Date.now()
  await sleep(2_500)
  const rows = await historyOf(store, 'beat')
  const afterSecond = rows.length
  // Nothing was due more than a second after the pause (fires due before it may still finish).
  for (const row of rows) expect(ms(row.dueAt)).toBeLessThan(pausedAt + 1_000)
  expect(scheduler.stats().schedules).toBe(0)
  await controlInChild(home, 'resume', 'beat')
  await until(
    async () => (await historyOf(store, 'beat')).length >= afterSecond + 2,
    10_000,
    'fires after resume',
  )
  // The paused period is not replayed: no misfire rows.
  expect(rowsWith(await historyOf(store, 'beat'), 'missed')).toEqual([])
  expect(rowsWith(await historyOf(store, 'beat'), 'late')).toEqual([])
})

it('a worker stopped for longer than the grace period records the missed fires, then fires on', async () => {
  const { store, open } = await setup({ misfireGraceMs: 300 })
  // Registered 5 s ago with a 2 s interval and no worker since: due 3 s and 1 s ago, both past the grace.
  const registeredAt = Date.now() - 5_000
  await createScheduleRegistrar(store, {
    clock: { now: () => registeredAt, setTimer: () => () => {} },
  }).register(
    schedule('nightly', '<q:return value="{1}"/>', { trigger: { kind: 'interval', everyMs: 2_000 } }),
  )
  const scheduler = open()
  await scheduler.start()
  const rows = await until(
    async () => {
      const found = await historyOf(store, 'nightly')
      return found.some((row) => row.status === 'success') && found
    },
    10_000,
    'a fire after the misfire',
  )
  expect(rows[0]?.status).toBe('missed')
  expect(rowsWith(rows, 'missed')).toHaveLength(1)
  expect(rowsWith(rows, 'late')).toEqual([])
  expect(rows[0]?.dueAt).toBe(new Date(registeredAt + 2_000).toISOString())
  expect(rows[0]?.result).toMatchObject({
    missed: 2,
    first: new Date(registeredAt + 2_000).toISOString(),
    last: new Date(registeredAt + 4_000).toISOString(),
  })
  // The grid goes on from the phase it had.
  const [fired] = rowsWith(rows, 'success')
  expect((ms(fired!.dueAt) - registeredAt) % 2_000).toBe(0)
  expect(ms(fired!.dueAt)).toBeGreaterThanOrEqual(registeredAt + 6_000)
})

it('a fire missed within the grace (or with misfire="run-once") runs once, late, unless misfire="skip"; a past `at` is reported', async () => {
  const { store, open } = await setup({ misfireGraceMs: 60_000 })
  const registrar = createScheduleRegistrar(store, { minIntervalMs })
  const body = '<q:return value="{1}"/>'
  await registrar.register(schedule('soon', body, { trigger: { kind: 'interval', everyMs: 300 } }))
  await registrar.register(
    schedule('shy', body, { trigger: { kind: 'interval', everyMs: 300 }, misfire: 'skip' }),
  )
  await registrar.register(schedule('old', body, { trigger: { kind: 'at', at: '2001-01-01T00:00:00Z' } }))
  await registrar.register(
    schedule('eager', body, { trigger: { kind: 'at', at: '2001-01-01T00:00:00Z' }, misfire: 'run-once' }),
  )
  await sleep(1_000)
  const scheduler = open()
  await scheduler.start()
  const soon = await until(
    async () => {
      const found = await historyOf(store, 'soon')
      return found.some((row) => row.status === 'success') && found
    },
    10_000,
    'the late run and a fire',
  )
  // Coalesced: one run for the three or so missed instants, then the grid; nothing recorded missed.
  const late = rowsWith(soon, 'late')
  expect(late).toHaveLength(1)
  expect(ms(late[0]!.dueAt)).toBeLessThan(ms(late[0]!.startedAt))
  expect(ms(rowsWith(soon, 'success')[0]!.dueAt)).toBeGreaterThan(ms(late[0]!.dueAt))
  expect(rowsWith(soon, 'missed')).toEqual([])
  // misfire="skip": the same misfire, within the grace, is recorded and not run.
  const shy = await until(
    async () => {
      const found = await historyOf(store, 'shy')
      return found.some((row) => row.status === 'success') && found
    },
    10_000,
    'the skipped misfire and a fire',
  )
  expect(rowsWith(shy, 'missed')).toHaveLength(1)
  expect(rowsWith(shy, 'late')).toEqual([])
  const old = await until(async () => (await historyOf(store, 'old'))[0], 5_000, 'the past at')
  expect(old.status).toBe('missed')
  expect(old.dueAt).toBe('2001-01-01T00:00:00.000Z')
  const eager = await until(async () => (await historyOf(store, 'eager'))[0], 5_000, 'the past at, run once')
  expect(eager.status).toBe('late')
  expect((await store.getSchedule('eager'))?.nextRun).toBeNull()
})

it('overlap="false" skips a fire while the previous one runs (recorded); overlap="true" runs them at once', async () => {
  const { store, open } = await setup()
  const scheduler = open()
  await scheduler.start()
  const slow = '<q:sleep duration="700ms"/><q:return value="{1}"/>'
  await scheduler.service.register(schedule('single', slow, { trigger: { kind: 'interval', everyMs: 300 } }))
  await scheduler.service.register(
    schedule('many', slow, { trigger: { kind: 'interval', everyMs: 300 }, overlap: true }),
  )
  await sleep(2_600)
  await scheduler.service.pause('single')
  await scheduler.service.pause('many')
  await until(() => scheduler.stats().running === 0, 5_000, 'fires in flight')
  const single = await historyOf(store, 'single')
  const ran = rowsWith(single, 'success')
  expect(rowsWith(single, 'skipped').length).toBeGreaterThanOrEqual(2)
  expect(ran.length).toBeGreaterThanOrEqual(1)
  for (let i = 1; i < ran.length; i++) {
    expect(ms(ran[i]!.startedAt)).toBeGreaterThanOrEqual(ms(ran[i - 1]!.completedAt))
  }
  const many = rowsWith(await historyOf(store, 'many'), 'success')
  expect(many.length).toBeGreaterThanOrEqual(3)
  const overlapping = many.some((row, i) => i > 0 && ms(row.startedAt) < ms(many[i - 1]!.completedAt))
  expect(overlapping).toBe(true)
  expect(rowsWith(await historyOf(store, 'many'), 'skipped')).toEqual([])
})

it('retry: a failing fire is tried retry + 1 times, a row per attempt, then counted as one error', async () => {
  const { store, open } = await setup()
  const scheduler = open()
  await scheduler.start()
  const failing: Partial<ScheduleDefinition> = { trigger: { kind: 'interval', everyMs: 3_600_000 }, retry: 2 }
  await scheduler.service.register(schedule('flaky', '<q:throw message="disk full"/>', failing))
  const rows = await scheduler.runNow('flaky')
  expect(rows.map((row) => [row.status, row.attempt])).toEqual([
    ['error', 1],
    ['error', 2],
    ['error', 3],
  ])
  expect(rows[0]?.error?.message).toContain('disk full')
  const record = await store.getSchedule('flaky')
  expect(record).toMatchObject({ runCount: 1, errorCount: 1 })
  expect(record?.lastError).toContain('disk full')
})

it('timeout stops the body and records `timeout`, well before the body would have ended', async () => {
  const { store, open } = await setup()
  const scheduler = open()
  await scheduler.start()
  await scheduler.service.register(
    schedule('stuck', '<q:sleep duration="30s"/><q:return value="{1}"/>', {
      trigger: { kind: 'interval', everyMs: 3_600_000 },
      timeoutMs: 400,
    }),
  )
  const started = Date.now()
  const rows = await scheduler.runNow('stuck')
  expect(Date.now() - started).toBeLessThan(10_000)
  expect(rows.map((row) => row.status)).toEqual(['timeout'])
  expect(rows[0]?.error?.code).toBe('SCHEDULE_TIMEOUT')
  const ran = ms(rows[0]!.completedAt) - ms(rows[0]!.startedAt)
  expect(ran).toBeGreaterThanOrEqual(400)
  expect(ran).toBeLessThan(5_000)
  expect((await store.getSchedule('stuck'))?.errorCount).toBe(1)
})

it('state survives a restart: a component counter goes 1, 2, 3 and carries on after re-registration resets it', async () => {
  const { store, open } = await setup()
  const counter = (snapshot: Record<string, unknown>) =>
    schedule(
      'counter',
      '<q:set name="count" scope="component" value="{count + 1}"/><q:return value="{count}"/>',
      {
        trigger: { kind: 'interval', everyMs: 300 },
        snapshot,
      },
    )
  const first = open()
  await first.start()
  await first.service.register(counter({ count: 0 }))
  const ran = async () => rowsWith(await historyOf(store, 'counter'), 'success').map((row) => row.result)
  await until(async () => (await ran()).length >= 3, 10_000, 'three fires')
  await first.stop()
  const before = await ran()
  expect(before.slice(0, 3)).toEqual([1, 2, 3])
  // A new worker: the app's top level runs again and sets the counter back to 0 before registering.
  const second = open()
  await second.start()
  await second.service.register(counter({ count: 0 }))
  const after = await until(
    async () => {
      const found = await historyOf(store, 'counter')
      return found.length >= before.length + 2 && found
    },
    10_000,
    'fires after the restart',
  )
  const results = after
    .filter((row) => row.status === 'success' || row.status === 'late')
    .map((row) => row.result)
  expect(results).toEqual(Array.from({ length: results.length }, (_, i) => i + 1))
})
