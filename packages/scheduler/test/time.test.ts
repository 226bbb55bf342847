import type { ScheduleTrigger } from '@quantum/runtime'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createScheduler, type SchedulerEvent, systemClock } from '../src/index'
import { historyOf, schedule, tempStore, until } from './support/quantum'
import { TestClock } from './support/testClock'

/*
 * The scheduler's own loop on a clock the test moves: each armed instant is reached in one step, the
 * fire runs in a real worker, and the history rows say which instants fired. Milliseconds, not days.
 */

let cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup()
  cleanups = []
})

async function fires(trigger: ScheduleTrigger, timezone: string, from: string, count: number) {
  const { store, cleanup } = await tempStore()
  const clock = new TestClock(Date.parse(from))
  const armed: string[] = []
  const scheduler = createScheduler({
    store,
    clock,
    onEvent: (event: SchedulerEvent) => {
      if (event.type === 'armed') armed.push(event.dueAt)
    },
  })
  cleanups.push(async () => {
    await scheduler.stop()
    await cleanup()
  })
  await scheduler.start()
  await scheduler.service.register(schedule('s', '<q:return value="{1}"/>', { trigger, timezone }))
  for (let i = 0; i < count; i++) {
    const due = await until(() => armed[i], 5_000, `instant ${i + 1} to be armed`)
    clock.advanceTo(Date.parse(due))
    await until(async () => (await historyOf(store, 's')).length === i + 1, 5_000, `fire ${i + 1}`)
  }
  const rows = await historyOf(store, 's')
  expect(rows.map((row) => row.status)).toEqual(Array(count).fill('success'))
  const record = await store.getSchedule('s')
  return { dueAts: rows.map((row) => row.dueAt), nextRun: record?.nextRun, delays: clock.delays, rows }
}

describe('fire instants through the scheduler loop', () => {
  it('New York spring-forward: a fixed time in the gap fires at the jump, then at its time again', async () => {
    const { dueAts, nextRun } = await fires(
      { kind: 'cron', expression: '30 2 * * *' },
      'America/New_York',
      '2027-03-13T12:00:00Z',
      2,
    )
    // 02:30 does not exist on 2027-03-14: 03:00 EDT (07:00Z); then 02:30 EDT (06:30Z).
    expect(dueAts).toEqual(['2027-03-14T07:00:00.000Z', '2027-03-15T06:30:00.000Z'])
    expect(nextRun).toBe('2027-03-16T06:30:00.000Z')
  })

  it('New York spring-forward: an every-30-minutes cron skips the missing hour, neither doubled nor lost', async () => {
    const { dueAts } = await fires(
      { kind: 'cron', expression: '*/30 * * * *' },
      'America/New_York',
      '2027-03-14T06:00:00Z',
      3,
    )
    expect(dueAts).toEqual([
      '2027-03-14T06:30:00.000Z',
      '2027-03-14T07:00:00.000Z',
      '2027-03-14T07:30:00.000Z',
    ])
  })

  it('New York fall-back: a fixed time in the repeated hour fires once', async () => {
    const { dueAts } = await fires(
      { kind: 'cron', expression: '30 1 * * *' },
      'America/New_York',
      '2027-11-06T12:00:00Z',
      2,
    )
    // 01:30 EDT (05:30Z) on the 7th, not again at 01:30 EST; then 01:30 EST on the 8th.
    expect(dueAts).toEqual(['2027-11-07T05:30:00.000Z', '2027-11-08T06:30:00.000Z'])
  })

  it('New York fall-back: an hourly cron fires on both 01:00s, consecutive fires with one wall-clock time', async () => {
    const { dueAts } = await fires(
      { kind: 'cron', expression: '0 * * * *' },
      'America/New_York',
      '2027-11-07T04:30:00Z',
      3,
    )
    expect(dueAts).toEqual([
      '2027-11-07T05:00:00.000Z',
      '2027-11-07T06:00:00.000Z',
      '2027-11-07T07:00:00.000Z',
    ])
  })

  it('America/Sao_Paulo (no DST since 2019): cron and a naive `at` in the zone', async () => {
    const cron = await fires(
      { kind: 'cron', expression: '0 9 * * *' },
      'America/Sao_Paulo',
      '2027-03-13T12:00:00Z',
      2,
    )
    expect(cron.dueAts).toEqual(['2027-03-14T12:00:00.000Z', '2027-03-15T12:00:00.000Z'])
    const at = await fires({ kind: 'at', at: '2030-01-01' }, 'America/Sao_Paulo', '2029-12-31T12:00:00Z', 1)
    expect(at.dueAts).toEqual(['2030-01-01T03:00:00.000Z'])
    expect(at.nextRun).toBeNull()
  })

  it('a leap day: 29 February fires in leap years only', async () => {
    const { dueAts } = await fires(
      { kind: 'cron', expression: '0 12 29 2 *' },
      'UTC',
      '2027-06-01T00:00:00Z',
      2,
    )
    expect(dueAts).toEqual(['2028-02-29T12:00:00.000Z', '2032-02-29T12:00:00.000Z'])
  })

  it('`L` (last day of the month) and `#` (the second Monday)', async () => {
    const last = await fires({ kind: 'cron', expression: '0 0 L * *' }, 'UTC', '2027-01-15T00:00:00Z', 3)
    expect(last.dueAts).toEqual([
      '2027-01-31T00:00:00.000Z',
      '2027-02-28T00:00:00.000Z',
      '2027-03-31T00:00:00.000Z',
    ])
    const nth = await fires({ kind: 'cron', expression: '0 10 * * 1#2' }, 'UTC', '2027-01-01T00:00:00Z', 2)
    expect(nth.dueAts).toEqual(['2027-01-11T10:00:00.000Z', '2027-02-08T10:00:00.000Z'])
  })

  it('a 40-day interval: one timer past 24.8 days, fired at its instant, the phase kept', async () => {
    const day = 86_400_000
    const { dueAts, delays, rows } = await fires(
      { kind: 'interval', everyMs: 40 * day },
      'UTC',
      '2027-01-01T00:00:00Z',
      2,
    )
    // The first fire is one period after registration (the clock runs on from 2027-01-01T00:00Z).
    const [first, second] = dueAts.map((at) => Date.parse(at!))
    expect(first! - Date.parse('2027-01-01T00:00:00Z')).toBeGreaterThanOrEqual(40 * day)
    expect(first! - Date.parse('2027-01-01T00:00:00Z')).toBeLessThan(40 * day + 5_000)
    expect(second! - first!).toBe(40 * day)
    expect(delays[0]).toBeGreaterThan(39.9 * day)
    // Never early: each body started at or after its instant.
    for (const row of rows) expect(Date.parse(row.startedAt!)).toBeGreaterThanOrEqual(Date.parse(row.dueAt!))
  })
})

describe('the system clock', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('waits out a delay past 24.8 days (Node fires such a setTimeout at once) and fires on time', () => {
    vi.useFakeTimers({ now: Date.parse('2027-01-01T00:00:00Z') })
    const day = 86_400_000
    let firedAt: number | undefined
    systemClock.setTimer(() => {
      firedAt = Date.now()
    }, 40 * day)
    vi.advanceTimersByTime(40 * day - 1)
    expect(firedAt).toBeUndefined()
    vi.advanceTimersByTime(1)
    expect(firedAt).toBe(Date.parse('2027-02-10T00:00:00Z'))
  })

  it('follows the wall clock: a due instant passed while the machine slept fires within half a minute of waking', () => {
    vi.useFakeTimers({ now: Date.parse('2027-01-01T00:00:00Z') })
    let fired = false
    systemClock.setTimer(() => {
      fired = true
    }, 3_600_000)
    // The machine sleeps for two hours: the wall clock jumps, the timers' clock does not.
    vi.setSystemTime(Date.parse('2027-01-01T02:00:00Z'))
    vi.advanceTimersByTime(29_000)
    expect(fired).toBe(false)
    vi.advanceTimersByTime(1_000)
    expect(fired).toBe(true)
  })
})
