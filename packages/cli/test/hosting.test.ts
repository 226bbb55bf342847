import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { run } from './run'
import { scheduleDefinition, type TempHome, tempHome } from './seed'

// In-process: `quantum run` registering schedules, `jobs run` firing here, `jobs resume`, and the
// worker's start and stop. The worker from another process is in worker.test.ts.

let state: TempHome
const quantum = (...args: string[]) => run(['--home', state.home, ...args], { cwd: state.home })

beforeEach(async () => {
  state = await tempHome()
})

afterEach(async () => {
  await state.cleanup()
})

const component = (body: string) =>
  `<q:component name="App" xmlns:q="https://quantum.lang/ns">\n${body}\n</q:component>\n`

const SCHEDULES = component(`  <q:schedule name="answer" interval="1h"><q:return value="{42}"/></q:schedule>
  <q:schedule name="boom" interval="1h" retry="0"><q:set name="x" value="{1 / 0}"/></q:schedule>
  <q:schedule name="slow" interval="1h" retry="0" timeout="300ms"><q:sleep duration="20s"/></q:schedule>`)

describe('quantum run FILE registers its schedules in the store', () => {
  it('registers them with their next run and says how to start a worker when none runs', async () => {
    writeFileSync(join(state.home, 'app.q'), SCHEDULES)
    const before = Date.now()
    const result = await quantum('run', 'app.q')
    expect(result).toEqual({
      code: 0,
      stdout: '',
      stderr: 'No worker is running: start one with quantum worker start --app .\n',
    })
    const schedules = await state.store.listSchedules()
    expect(schedules.map((schedule) => [schedule.name, schedule.status])).toEqual([
      ['answer', 'active'],
      ['boom', 'active'],
      ['slow', 'active'],
    ])
    // An interval fires one period after registration.
    const next = Date.parse(schedules[0]?.nextRun ?? '')
    expect(next).toBeGreaterThanOrEqual(before + 3_600_000)
    expect(next).toBeLessThan(Date.now() + 3_600_000 + 1)
    const list = await quantum('jobs', 'list')
    expect(list.stdout.split('\n')[4]).toMatch(
      /^- {8}answer {20}scheduler {7}active {5}\d{4}-\d\d-\d\d [\d:]{8} {2}-$/,
    )
  })

  it('names the file’s folder in the hint, and gives none while a worker runs', async () => {
    mkdirSync(join(state.home, 'app'))
    writeFileSync(join(state.home, 'app', 'tick.q'), SCHEDULES)
    expect((await quantum('run', 'app/tick.q')).stderr).toBe(
      'No worker is running: start one with quantum worker start --app app\n',
    )
    await state.store.heartbeat({ id: 'w', host: 'here', pid: process.pid, startedAt: new Date() }, 30_000)
    expect(await quantum('run', 'app/tick.q')).toEqual({ code: 0, stdout: '', stderr: '' })
  })

  it('opens no store for a document without schedules', async () => {
    const home = join(state.home, 'fresh')
    writeFileSync(join(state.home, 'plain.q'), component('<q:return value="{1}"/>'))
    expect(await run(['--home', home, 'run', 'plain.q'], { cwd: state.home })).toEqual({
      code: 0,
      stdout: 'Result: 1\n',
      stderr: '',
    })
    expect(existsSync(join(home, 'quantum.db'))).toBe(false)
  })
})

describe('quantum jobs run --sync', () => {
  it('fires here even with a live worker, and prints the result', async () => {
    writeFileSync(join(state.home, 'app.q'), SCHEDULES)
    await quantum('run', 'app.q')
    await state.store.heartbeat({ id: 'w', host: 'here', pid: process.pid, startedAt: new Date() }, 30_000)
    const events: string[] = []
    const stop = await state.store.watch((event) => events.push(event.action))
    try {
      const result = await quantum('jobs', 'run', 'answer', '--sync')
      expect(result.code).toBe(0)
      expect(result.stdout).toBe('Running job: answer...\nJob completed successfully.\nResult: 42\n')
    } finally {
      await stop()
    }
    // Nothing was asked of the worker.
    expect(events).not.toContain('run')
    const [row] = await state.store.history({ name: 'answer' })
    expect(row).toMatchObject({ status: 'success', result: 42, attempt: 1 })
  })

  it('prints the error of a failed fire and exits 1', async () => {
    writeFileSync(join(state.home, 'app.q'), SCHEDULES)
    await quantum('run', 'app.q')
    const result = await quantum('jobs', 'run', 'boom', '--sync')
    expect(result.code).toBe(1)
    expect(result.stdout).toBe('Running job: boom...\n')
    expect(result.stderr).toMatch(/\nerror [A-Z_]+: Job failed: .*division by zero.*\n$/i)
    const schedule = await state.store.getSchedule('boom')
    expect(schedule).toMatchObject({ runCount: 1, errorCount: 1 })
    expect(schedule?.lastError).toMatch(/division by zero/i)
  })

  it('stops a fire past its timeout, records timeout and exits 1', async () => {
    writeFileSync(join(state.home, 'app.q'), SCHEDULES)
    await quantum('run', 'app.q')
    const started = performance.now()
    const result = await quantum('jobs', 'run', 'slow')
    expect(performance.now() - started).toBeLessThan(15_000)
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/\nerror SCHEDULE_TIMEOUT: Job failed: .*timed out.*\n$/)
    expect((await state.store.history({ name: 'slow' })).map((row) => row.status)).toEqual(['timeout'])
  })

  it('says Job not found for an unknown name', async () => {
    expect(await quantum('jobs', 'run', 'nope', '--sync')).toEqual({
      code: 1,
      stdout: 'Running job: nope...\n',
      stderr: 'error SCHEDULE_NOT_FOUND: Job not found: nope\n',
    })
  })
})

describe('quantum jobs resume', () => {
  it('moves next_run past the paused period, onto the schedule’s grid', async () => {
    await state.store.registerSchedule(
      scheduleDefinition('hourly', { kind: 'interval', everyMs: 3_600_000 }),
      { nextRun: '2020-01-01T00:00:00Z' },
    )
    await state.store.pauseSchedule('hourly')
    expect(await quantum('jobs', 'resume', 'hourly')).toEqual({
      code: 0,
      stdout: 'Job resumed: hourly\n',
      stderr: '',
    })
    const schedule = await state.store.getSchedule('hourly')
    expect(schedule?.status).toBe('active')
    const next = Date.parse(schedule?.nextRun ?? '')
    expect(next).toBeGreaterThan(Date.now())
    expect(next).toBeLessThanOrEqual(Date.now() + 3_600_000)
    expect(schedule?.nextRun).toMatch(/T\d\d:00:00\.000Z$/)
  })
})

/** `worker start --app APP` in-process, once `tick` fired successfully; abort its controller to stop it. */
async function hostUntilTick(app: string) {
  const controller = new AbortController()
  const worker = run(['--home', state.home, 'worker', 'start', '--app', app], {
    cwd: state.home,
    signal: controller.signal,
  })
  await expect
    .poll(async () => (await state.store.history({ name: 'tick', status: 'success' })).length, {
      timeout: 8_000,
      interval: 100,
    })
    .toBeGreaterThan(0)
  return { controller, worker }
}

describe('quantum worker start (in-process)', () => {
  it('reports a broken app file with its position, runs the others, hosts, and stops cleanly', async () => {
    const app = join(state.home, 'app')
    mkdirSync(join(app, 'components'), { recursive: true })
    writeFileSync(join(app, 'a-broken.q'), component('  <q:frobnicate/>'))
    writeFileSync(join(app, 'b-fails.q'), component('  <q:set name="x" value="{1 / 0}"/>'))
    writeFileSync(
      join(app, 'c-tick.q'),
      component('  <q:schedule name="tick" interval="1s"><q:log message="tick"/></q:schedule>'),
    )
    // Only files directly in the app folder run.
    writeFileSync(join(app, 'components', 'Other.q'), component('  <q:frobnicate/>'))
    const { controller, worker } = await hostUntilTick('app')
    expect((await state.store.workers()).map((worker) => worker.details.command)).toEqual(['worker'])
    controller.abort(new Error('interrupted by SIGTERM'))
    const result = await worker
    expect(result.code).toBe(0)
    const stdout = result.stdout.split('\n')
    expect(stdout.slice(0, 9)).toEqual([
      'Starting worker...',
      '  Running app/a-broken.q',
      '  Running app/b-fails.q',
      '  Running app/c-tick.q',
      '  Apps: app',
      '  Files: 3 (2 failed)',
      '  Schedules: 1',
      '  Queues: all',
      '  Concurrency: 4',
    ])
    expect(stdout.slice(9, 15)).toEqual([
      '  State: . (--home)',
      `  Store: sqlite ${join(state.home, 'quantum.db')}`,
      expect.stringMatching(/^ {2}Worker: .+:\d+:[0-9a-f]{6}$/),
      '',
      'Press Ctrl+C to stop the worker.',
      '',
    ])
    expect(result.stdout).toMatch(
      /\n\d{4}-\d\d-\d\d [\d:]{8} success tick due [\d-]+T[\d:.]+Z \(started \d+ ms late\)\n/,
    )
    // A tick that comes while the last one still runs (a busy machine) is skipped: not a failure.
    expect(result.stdout).toMatch(
      /\nStopping worker...\nWorker stopped: fires \d+ \(0 failed, \d+ skipped\), jobs 0 completed, 0 retried, 0 failed, 0\.0 jobs\/s\.\n$/,
    )
    expect(result.stderr).toMatch(/^app\/a-broken\.q:2:3: error PARSE_UNKNOWN_TAG: /m)
    expect(result.stderr).toMatch(/^app\/b-fails\.q:2:27: error RUNTIME_TYPE_ERROR: division by zero$/m)
    expect(result.stderr).toContain('>> 2|   <q:set name="x" value="{1 / 0}"/>')
    expect(result.stderr).not.toContain('Other.q')
    expect(result.stderr).toMatch(/\[INFO\] \[schedule:tick\] tick\n/)
    // Withdrawn at exit.
    expect(await state.store.workers()).toEqual([])
  })

  it('runs a misfire within scheduler.misfireGrace once (late), and records an older one missed', async () => {
    const hourly = (name: string) =>
      scheduleDefinition(name, { kind: 'interval', everyMs: 3_600_000 }, { misfire: 'grace' })
    // Came due 30 s ago while no worker ran: within the default grace of 60 s.
    await state.store.registerSchedule(hourly('recent'), { nextRun: new Date(Date.now() - 30_000) })
    const host = async () => {
      const controller = new AbortController()
      const worker = run(['--home', state.home, 'worker', 'start'], {
        cwd: state.home,
        signal: controller.signal,
      })
      await expect
        .poll(async () => (await state.store.history({ name: 'recent' })).length, {
          timeout: 8_000,
          interval: 100,
        })
        .toBeGreaterThan(0)
      controller.abort(new Error('interrupted by SIGINT'))
      return worker
    }
    const late = await host()
    expect(late.code).toBe(0)
    expect(late.stdout).toMatch(/ late recent due \S+Z \(started \d+ ms late\)\n/)
    expect((await state.store.history({ name: 'recent' })).map((row) => row.status)).toEqual(['late'])

    // With a grace of 1 s, the same 30 s are too late.
    writeFileSync(
      join(state.home, 'quantum.config.json'),
      JSON.stringify({ scheduler: { misfireGrace: '1s' } }),
    )
    await state.store.deleteSchedule('recent')
    await state.store.registerSchedule(hourly('recent'), { nextRun: new Date(Date.now() - 30_000) })
    const missed = await host()
    expect(missed.code).toBe(0)
    expect(missed.stdout).toMatch(/ missed recent due \S+Z\n/)
    expect((await state.store.history({ name: 'recent' })).map((row) => row.status)).toEqual([
      'missed',
      'late',
    ])
  })

  it('takes a .q file as its app: runs that file only, with its folder as the app folder', async () => {
    const app = join(state.home, 'app')
    mkdirSync(app)
    writeFileSync(
      join(app, 'tick.q'),
      component('  <q:schedule name="tick" interval="1s"><q:log message="tick"/></q:schedule>'),
    )
    writeFileSync(join(app, 'other.q'), component('  <q:frobnicate/>'))
    const { controller, worker } = await hostUntilTick('app/tick.q')
    expect((await state.store.workers()).map((worker) => worker.details.apps)).toEqual([[app]])
    controller.abort(new Error('interrupted by SIGTERM'))
    const result = await worker
    expect(result.code).toBe(0)
    expect(result.stdout.split('\n').slice(0, 4)).toEqual([
      'Starting worker...',
      '  Running app/tick.q',
      '  Apps: app/tick.q',
      '  Files: 1',
    ])
    expect(result.stderr).not.toContain('other.q')
  })

  it('refuses an app folder that cannot be read, exit 1', async () => {
    const result = await quantum('worker', 'start', '--app', 'missing')
    expect(result.code).toBe(1)
    expect(result.stdout).toBe('')
    expect(result.stderr).toMatch(/^missing: error CLI_FILE: cannot read the app folder \(ENOENT/)
  })

  it('prints upstream’s usage line without an action, exit 1', async () => {
    expect(await quantum('jobs', 'worker')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Usage: quantum jobs worker <start>\n',
    })
  })
})
