import { openOutbox } from '@quantum/runtime/services'
import { describe, expect, it } from 'vitest'
import { exampleHome, NO_WORKER } from './exampleHome'

/**
 * The schedule examples end to end, as a user drives them: `quantum run FILE` sets up and registers,
 * `quantum jobs list|status` shows the schedule with a next run worked out here by hand, and
 * `quantum jobs run NAME --sync` fires it in this process, whose effect is then read back.
 */

const { home, quantum, runExample, rows } = exampleHome('quantum-cli-examples-schedules-')
const HOUR = 3_600_000

/** The one schedule `jobs list --format json` shows. */
async function listed(): Promise<Record<string, unknown>[]> {
  const result = await quantum('jobs', 'list', '--format', 'json')
  expect(result.code).toBe(0)
  return JSON.parse(result.stdout)
}

async function fire(name: string, result: string) {
  const fired = await quantum('jobs', 'run', name, '--sync')
  expect(fired.stdout).toBe(`Running job: ${name}...\nJob completed successfully.\nResult: ${result}\n`)
  expect(fired.code).toBe(0)
  return fired
}

/** The first instant strictly after `after` that is 11:00 UTC: 08:00 in São Paulo (UTC-3 all year). */
function nextElevenUtc(after: number): number {
  const day = new Date(after)
  const candidate = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 11)
  return candidate > after ? candidate : candidate + 24 * HOUR
}

describe('session-cleanup.q', () => {
  it('registers an hourly schedule; a fire deletes the expired sessions', async () => {
    const before = Date.now()
    const registered = await runExample('session-cleanup.q')
    const after = Date.now()
    expect(registered).toEqual({
      code: 0,
      stdout: '<p>3 sessions stored; expire-sessions runs every hour.</p>\n',
      stderr: NO_WORKER,
    })
    const [schedule] = await listed()
    expect(schedule).toMatchObject({
      name: 'expire-sessions',
      status: 'active',
      interval: 'every 1h',
      last_run: null,
      run_count: 0,
    })
    const next = Date.parse(String(schedule?.next_run))
    expect(next).toBeGreaterThanOrEqual(before + HOUR)
    expect(next).toBeLessThanOrEqual(after + HOUR)

    const fired = await fire('expire-sessions', '2')
    expect(fired.stderr).toMatch(/\[schedule:expire-sessions\] Sessions cleaned up: 2 expired removed\n/)
    expect(await rows('SELECT user_name FROM web_sessions ORDER BY id')).toEqual([{ user_name: 'Linus' }])
    await fire('expire-sessions', '0')

    const history = await quantum('jobs', 'history', 'expire-sessions', '--format', 'json')
    expect(JSON.parse(history.stdout).map((row: { status: string }) => row.status)).toEqual([
      'success',
      'success',
    ])
    expect(await listed()).toMatchObject([{ name: 'expire-sessions', status: 'active', run_count: 2 }])
  })
})

describe('daily-report.q', () => {
  it('registers a cron in São Paulo for 08:00 local; a fire mails the report of the unreported orders', async () => {
    const before = Date.now()
    const registered = await runExample('daily-report.q')
    const after = Date.now()
    expect(registered).toEqual({
      code: 0,
      stdout: '<p>4 orders to report; sales-report mails them at 08:00 São Paulo time.</p>\n',
      stderr: NO_WORKER,
    })
    const status = await quantum('jobs', 'status', 'sales-report', '--format', 'json')
    const schedule = JSON.parse(status.stdout)
    expect(schedule).toMatchObject({
      name: 'sales-report',
      status: 'active',
      trigger_type: 'cron',
      cron: '0 8 * * *',
      timezone: 'America/Sao_Paulo',
      interval: 'cron: 0 8 * * *',
    })
    // Registered between before and after: the next 11:00 UTC after one of them.
    expect([nextElevenUtc(before), nextElevenUtc(after)]).toContain(Date.parse(schedule.next_run))
    expect(schedule.next_run).toMatch(/T11:00:00\.000Z$/)

    await fire('sales-report', '4')
    await fire('sales-report', '0')
    const outbox = openOutbox(home())
    try {
      const report = (body: string) => ({
        from: 'reports@example.com',
        to: ['admin@example.com'],
        subject: 'Daily Report',
        format: 'text',
        body,
      })
      // Newest first: the second fire found nothing new.
      expect(outbox.list()).toMatchObject([
        report('Orders: 0\nRevenue: $0.00\nBiggest order: $0.00'),
        report('Orders: 4\nRevenue: $1,775.74\nBiggest order: $1,250.50'),
      ])
    } finally {
      outbox.close()
    }
    expect(await rows('SELECT COUNT(*) AS n FROM daily_orders WHERE reported = 1')).toEqual([{ n: 4 }])
  })
})

describe('pause-resume.q', () => {
  const statusOf = async () => (await listed()).map((schedule) => [schedule.name, schedule.status])

  it('pauses and resumes through its actions, and registering again keeps the pause', async () => {
    expect(await runExample('pause-resume.q')).toEqual({ code: 0, stdout: '', stderr: NO_WORKER })
    expect(await statusOf()).toEqual([['stock-sync', 'active']])

    const paused = await runExample('pause-resume.q', '--action', 'pause')
    expect(paused.stdout).toBe('<p>stock-sync paused: true</p>\nResult: true\n')
    expect(paused.code).toBe(0)
    expect(await statusOf()).toEqual([['stock-sync', 'paused']])

    expect((await runExample('pause-resume.q')).code).toBe(0)
    expect(await statusOf()).toEqual([['stock-sync', 'paused']])

    const beforeResume = Date.now()
    const resumed = await runExample('pause-resume.q', '--action', 'resume')
    expect(resumed.stdout).toBe('<p>stock-sync resumed: true</p>\nResult: true\n')
    expect(resumed.code).toBe(0)
    const [schedule] = await listed()
    expect(schedule).toMatchObject({ name: 'stock-sync', status: 'active', interval: 'every 15m' })
    const next = Date.parse(String(schedule?.next_run))
    expect(next).toBeGreaterThan(beforeResume)
    expect(next).toBeLessThanOrEqual(Date.now() + 15 * 60_000)
  })

  it('pauses and resumes with quantum jobs pause|resume, then fires once', async () => {
    expect((await runExample('pause-resume.q')).code).toBe(0)
    expect(await quantum('jobs', 'pause', 'stock-sync')).toEqual({
      code: 0,
      stdout: 'Job paused: stock-sync\n',
      stderr: '',
    })
    expect(await statusOf()).toEqual([['stock-sync', 'paused']])
    expect(await quantum('jobs', 'resume', 'stock-sync')).toEqual({
      code: 0,
      stdout: 'Job resumed: stock-sync\n',
      stderr: '',
    })
    expect(await statusOf()).toEqual([['stock-sync', 'active']])

    const fired = await fire('stock-sync', '1')
    expect(fired.stderr).toMatch(/\[schedule:stock-sync\] stock checked, 1 checks so far\n/)
    expect(await rows('SELECT sku FROM stock_checks')).toEqual([{ sku: 'T-1' }])
  })
})
