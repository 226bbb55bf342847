import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { run } from './run'
import { scheduleDefinition, seedSchedules, type TempHome, tempHome } from './seed'

let state: TempHome
const jobs = (...args: string[]) => run(['--home', state.home, 'jobs', ...args], { cwd: state.home })
const RULE = '-'.repeat(95)

beforeEach(async () => {
  state = await tempHome()
})

afterEach(async () => {
  await state.cleanup()
})

describe('quantum jobs list', () => {
  it('prints upstream’s table: padded columns, a rule of 95, UTC times and - for empty values', async () => {
    await seedSchedules(state.store)
    expect(await jobs('list')).toEqual({
      code: 0,
      stdout: [
        'State: . (--home)',
        '',
        'ID       Name                      Queue           Status     Next Run             Last Run',
        RULE,
        '-        hourly-cleanup            scheduler       active     2027-03-14 08:00:00  2027-03-14 07:00:00',
        '-        nightly-report            scheduler       paused     -                    -',
        '',
      ].join('\n'),
      stderr: '',
    })
  })

  it('prints every schedule as JSON with upstream keys, ids, counts and UTC timestamps with Z', async () => {
    await seedSchedules(state.store)
    const { code, stdout } = await jobs('list', '--format', 'json')
    expect(code).toBe(0)
    const ids = (await state.store.listSchedules()).map((schedule) => schedule.id)
    expect(JSON.parse(stdout)).toEqual([
      {
        id: ids[0],
        name: 'hourly-cleanup',
        type: 'schedule',
        queue: 'scheduler',
        status: 'active',
        interval: 'every 1h',
        next_run: '2027-03-14T08:00:00.000Z',
        last_run: '2027-03-14T07:00:00.250Z',
        run_count: 3,
        error_count: 1,
        last_error: 'Division by zero\nin the cleanup query',
      },
      {
        id: ids[1],
        name: 'nightly-report',
        type: 'schedule',
        queue: 'scheduler',
        status: 'paused',
        interval: 'cron: 30 2 * * *',
        next_run: null,
        last_run: null,
        run_count: 0,
        error_count: 0,
        last_error: null,
      },
    ])
  })

  it('shows no next run for a schedule paused from another process, in the list and in its status', async () => {
    await seedSchedules(state.store)
    await state.store.pauseSchedule('hourly-cleanup')
    const listed = JSON.parse((await jobs('list', '--format', 'json')).stdout)
    expect(listed[0]).toMatchObject({ name: 'hourly-cleanup', status: 'paused', next_run: null })
    const status = await jobs('status', 'hourly-cleanup')
    expect(status.stdout).toContain('Next Run: -\n')
  })

  it('filters by status and queue; the job words and other queues select no schedule', async () => {
    await seedSchedules(state.store)
    const names = async (...args: string[]) =>
      (JSON.parse((await jobs('list', '--format', 'json', ...args)).stdout) as { name: string }[]).map(
        (row) => row.name,
      )
    expect(await names('--status', 'active')).toEqual(['hourly-cleanup'])
    expect(await names('--status', 'paused')).toEqual(['nightly-report'])
    expect(await names('--status', 'all', '--queue', 'scheduler')).toEqual([
      'hourly-cleanup',
      'nightly-report',
    ])
    for (const status of ['pending', 'running', 'failed']) expect(await names('--status', status)).toEqual([])
    expect(await names('--queue', 'orders')).toEqual([])
    expect(await jobs('list', '--queue', 'orders')).toEqual({
      code: 0,
      stdout: 'State: . (--home)\n\nNo jobs found.\n',
      stderr: '',
    })
  })

  it('says so when there are none: a table line, an empty JSON array', async () => {
    expect(await jobs('list')).toEqual({
      code: 0,
      stdout: 'State: . (--home)\n\nNo jobs found.\n',
      stderr: '',
    })
    expect(await jobs('list', '--format', 'json')).toEqual({ code: 0, stdout: '[]\n', stderr: '' })
  })

  it('rejects a status or format it does not know (exit 2)', async () => {
    expect((await jobs('list', '--status', 'done')).code).toBe(2)
    expect((await jobs('list', '--format', 'xml')).code).toBe(2)
  })
})

describe('quantum jobs status', () => {
  it('prints upstream’s lines with the real error count and - for what is unknown', async () => {
    await seedSchedules(state.store)
    expect(await jobs('status', 'hourly-cleanup')).toEqual({
      code: 0,
      stdout: [
        'Job: hourly-cleanup',
        'Status: active',
        'Queue: scheduler',
        'Interval: every 1h',
        'Cron: -',
        'Last Run: 2027-03-14 07:00:00',
        'Next Run: 2027-03-14 08:00:00',
        'Run Count: 3',
        'Error Count: 1',
        'Last Error: Division by zero in the cleanup query',
        '',
      ].join('\n'),
      stderr: '',
    })
    const { stdout } = await jobs('status', 'nightly-report')
    expect(stdout).toContain(
      'Cron: 30 2 * * *\nLast Run: -\nNext Run: -\nRun Count: 0\nError Count: 0\nLast Error: -\n',
    )
  })

  it('prints one JSON object with upstream keys plus id, cron, timezone and error_count', async () => {
    await seedSchedules(state.store)
    const { code, stdout } = await jobs('status', 'nightly-report', '--format', 'json')
    expect(code).toBe(0)
    expect(JSON.parse(stdout)).toEqual({
      id: (await state.store.getSchedule('nightly-report'))?.id,
      name: 'nightly-report',
      type: 'schedule',
      status: 'paused',
      queue: 'scheduler',
      trigger_type: 'cron',
      interval: 'cron: 30 2 * * *',
      cron: '30 2 * * *',
      timezone: 'America/New_York',
      next_run: null,
      last_run: null,
      run_count: 0,
      error_count: 0,
      last_error: null,
    })
  })

  it('says Job not found: NAME and exits 1 for an unknown name, as JSON on stderr with --format json', async () => {
    expect(await jobs('status', 'nope')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error SCHEDULE_NOT_FOUND: Job not found: nope\n',
    })
    for (const args of [
      ['status', 'nope'],
      ['history', 'nope'],
    ]) {
      expect(await jobs(...args, '--format', 'json')).toEqual({
        code: 1,
        stdout: '',
        stderr: '{"error":{"code":"SCHEDULE_NOT_FOUND","message":"Job not found: nope"}}\n',
      })
    }
  })

  it('prints every problem as JSON on stderr with --format json: a store that cannot be opened too', async () => {
    const result = await run(['--home', '/dev/null/state', 'jobs', 'list', '--format', 'json'], {
      cwd: state.home,
    })
    expect(result.code).toBe(1)
    expect(result.stdout).toBe('')
    const lines = result.stderr.trimEnd().split('\n')
    expect(lines).toHaveLength(1)
    expect(JSON.parse(lines[0] ?? '')).toEqual({
      error: { code: 'STORE_UNAVAILABLE', message: expect.stringContaining('/dev/null') },
    })
  })
})

describe('quantum jobs pause|resume|delete', () => {
  it('changes the stored schedule and says so', async () => {
    await seedSchedules(state.store)
    expect(await jobs('pause', 'hourly-cleanup')).toEqual({
      code: 0,
      stdout: 'Job paused: hourly-cleanup\n',
      stderr: '',
    })
    expect((await state.store.getSchedule('hourly-cleanup'))?.status).toBe('paused')
    expect(await jobs('resume', 'hourly-cleanup')).toEqual({
      code: 0,
      stdout: 'Job resumed: hourly-cleanup\n',
      stderr: '',
    })
    expect((await state.store.getSchedule('hourly-cleanup'))?.status).toBe('active')
    expect(await jobs('delete', 'nightly-report')).toEqual({
      code: 0,
      stdout: 'Job deleted: nightly-report\n',
      stderr: '',
    })
    expect(await state.store.getSchedule('nightly-report')).toBeUndefined()
    // History stays after a delete.
    expect((await jobs('history', 'nightly-report', '--format', 'json')).stdout).toContain('"missed"')
  })

  it('fails with upstream’s message and exit 1 for an unknown name', async () => {
    for (const verb of ['pause', 'resume', 'delete']) {
      expect(await jobs(verb, 'nope')).toEqual({
        code: 1,
        stdout: '',
        stderr: `error SCHEDULE_NOT_FOUND: Failed to ${verb} job: nope (no schedule has that name)\n`,
      })
    }
  })
})

describe('quantum jobs run', () => {
  it('without a live worker fires it in this process and prints upstream’s completed line', async () => {
    await seedSchedules(state.store)
    const result = await jobs('run', 'hourly-cleanup')
    expect(result.code).toBe(0)
    expect(result.stdout).toBe('Running job: hourly-cleanup...\nJob completed successfully.\n')
    expect(result.stderr).toMatch(/\[INFO\] \[schedule:hourly-cleanup\] tick\n/)
    expect(result.stderr).toMatch(
      / success hourly-cleanup due \d{4}-\d\d-\d\dT[\d:.]+Z \(started \d+ ms late\)\n/,
    )
    const [latest] = await state.store.history({ name: 'hourly-cleanup', limit: 1 })
    expect(latest?.status).toBe('success')
    expect((await state.store.getSchedule('hourly-cleanup'))?.runCount).toBe(4)
  })

  it('asks the live workers to fire it and prints upstream’s queued line', async () => {
    await seedSchedules(state.store)
    await state.store.heartbeat(
      { id: 'worker-1', host: 'here', pid: process.pid, startedAt: new Date() },
      30_000,
    )
    const events: string[] = []
    const stop = await state.store.watch((event) => events.push(`${event.action} ${event.name}`))
    try {
      expect(await jobs('run', 'hourly-cleanup')).toEqual({
        code: 0,
        stdout: 'Running job: hourly-cleanup...\nJob queued for execution. Job ID: N/A\n',
        stderr: '',
      })
      await expect.poll(() => events, { timeout: 5000 }).toContain('run hourly-cleanup')
    } finally {
      await stop()
    }
  })

  it('says Job not found for an unknown name (exit 1), and rejects bad --params before anything (exit 2)', async () => {
    expect(await jobs('run', 'nope')).toEqual({
      code: 1,
      stdout: 'Running job: nope...\n',
      stderr: 'error SCHEDULE_NOT_FOUND: Job not found: nope\n',
    })
    const bad = await jobs('run', 'nope', '--params', '{"id": ')
    expect(bad.code).toBe(2)
    expect(bad.stdout).toBe('')
    expect(bad.stderr).toMatch(
      /^error CLI_USAGE: option '--params <json>' argument .* Invalid JSON parameters: .+\n/,
    )
    const notObject = await jobs('run', 'nope', '--params', '[1]')
    expect(notObject.code).toBe(2)
    expect(notObject.stderr).toContain('Invalid JSON parameters: expected a JSON object, like {"id": 7}.')
  })

  it('says that a schedule takes no parameters when some are given', async () => {
    await seedSchedules(state.store)
    await state.store.heartbeat(
      { id: 'worker-1', host: 'here', pid: process.pid, startedAt: new Date() },
      30_000,
    )
    const result = await jobs('run', 'hourly-cleanup', '--params', '{"id": 7}')
    expect(result.code).toBe(0)
    expect(result.stderr).toBe(
      'Parameters ignored: a schedule takes none (hourly-cleanup runs with its own variables).\n',
    )
  })
})

describe('quantum jobs history', () => {
  it('prints upstream’s table newest first: %.2fs durations, errors cut to 30 characters, - for empty', async () => {
    await seedSchedules(state.store)
    expect(await jobs('history')).toEqual({
      code: 0,
      stdout: [
        'ID       Job                  Attempt Status     Started              Duration     Error',
        RULE,
        '-        nightly-report       1       missed     -                    -            -',
        '-        hourly-cleanup       2       error      2027-03-14 07:00:00  0.50s        Division by zero in the cleanu',
        '-        hourly-cleanup       1       success    2027-03-14 06:00:00  1.23s        -',
        '',
      ].join('\n'),
      stderr: '',
    })
  })

  it('prints JSON entries with upstream keys plus id, duration_ms, attempt, due_at and worker_id', async () => {
    await seedSchedules(state.store)
    const { code, stdout } = await jobs('history', 'hourly-cleanup', '--format', 'json')
    expect(code).toBe(0)
    const ids = (await state.store.history({ name: 'hourly-cleanup' })).map((row) => row.id)
    expect(JSON.parse(stdout)).toEqual([
      {
        id: ids[0],
        job_id: null,
        name: 'hourly-cleanup',
        queue: 'scheduler',
        status: 'error',
        started_at: '2027-03-14T07:00:00.250Z',
        completed_at: '2027-03-14T07:00:00.750Z',
        duration: 0.5,
        duration_ms: 500,
        attempt: 2,
        attempts: 2,
        due_at: '2027-03-14T07:00:00.000Z',
        worker_id: 'worker-1',
        error: 'Division by zero in the cleanup query',
      },
      {
        id: ids[1],
        job_id: null,
        name: 'hourly-cleanup',
        queue: 'scheduler',
        status: 'success',
        started_at: '2027-03-14T06:00:00.010Z',
        completed_at: '2027-03-14T06:00:01.244Z',
        duration: 1.234,
        duration_ms: 1234,
        attempt: 1,
        attempts: 1,
        due_at: '2027-03-14T06:00:00.000Z',
        worker_id: 'worker-1',
        error: null,
      },
    ])
  })

  it('maps --status success and failed onto the stored statuses', async () => {
    await seedSchedules(state.store)
    await state.store.recordRun({
      kind: 'schedule',
      name: 'hourly-cleanup',
      status: 'late',
      startedAt: new Date(),
      completedAt: new Date(),
    })
    await state.store.recordRun({
      kind: 'schedule',
      name: 'hourly-cleanup',
      status: 'skipped',
      dueAt: new Date(),
    })
    await state.store.recordRun({
      kind: 'schedule',
      name: 'hourly-cleanup',
      status: 'timeout',
      startedAt: new Date(),
    })
    const statuses = async (...args: string[]) =>
      (JSON.parse((await jobs('history', '--format', 'json', ...args)).stdout) as { status: string }[]).map(
        (row) => row.status,
      )
    expect(await statuses('--status', 'success')).toEqual(['late', 'success'])
    expect(await statuses('--status', 'failed')).toEqual(['timeout', 'missed', 'error'])
    expect(await statuses()).toEqual(['timeout', 'skipped', 'late', 'missed', 'error', 'success'])
  })

  it('takes --limit (default 10) after the name filter', async () => {
    await seedSchedules(state.store)
    for (let i = 0; i < 12; i++)
      await state.store.recordRun({ kind: 'schedule', name: 'other', status: 'success' })
    const count = async (...args: string[]) =>
      JSON.parse((await jobs('history', '--format', 'json', ...args)).stdout).length
    expect(await count()).toBe(10)
    expect(await count('--limit', '3')).toBe(3)
    expect(await count('hourly-cleanup', '--limit', '1')).toBe(1)
    expect(await count('hourly-cleanup')).toBe(2)
    expect((await jobs('history', '--limit', '0')).code).toBe(2)
    expect((await jobs('history', '--status', 'completed')).code).toBe(2)
  })

  it('says so when there is none, and Job not found for a name nothing has (exit 1), as status does', async () => {
    expect(await jobs('history')).toEqual({ code: 0, stdout: 'No history found.\n', stderr: '' })
    await seedSchedules(state.store)
    await state.store.registerSchedule(scheduleDefinition('quiet', { kind: 'interval', everyMs: 60_000 }), {
      nextRun: new Date(Date.now() + 60_000),
    })
    expect(await jobs('history', 'quiet')).toEqual({ code: 0, stdout: 'No history found.\n', stderr: '' })
    const notFound = { code: 1, stdout: '', stderr: 'error SCHEDULE_NOT_FOUND: Job not found: nope\n' }
    expect(await jobs('history', 'nope')).toEqual(notFound)
    expect(await jobs('status', 'nope')).toEqual(notFound)
  })

  it('shows a job attempt’s job ID and attempt; the table cuts errors unless --wide, JSON keeps them and worker_id whole', async () => {
    const error = `Payment declined for order 4: ${'the card issuer said no. '.repeat(4)}`.trim()
    const workerId = `build-host-with-a-long-name.example.internal:4242:${'f'.repeat(6)}`
    await state.store.recordRun({
      kind: 'job',
      name: 'process-order',
      status: 'error',
      runId: '13',
      attempt: 2,
      queue: 'orders',
      workerId,
      startedAt: '2027-03-14T07:00:00Z',
      completedAt: '2027-03-14T07:00:01Z',
      error: { name: 'QuantumError', code: 'QUEUE_JOB_FAILED', message: error },
    })
    const row = '13       process-order        2       error      2027-03-14 07:00:00  1.00s        '
    expect((await jobs('history')).stdout.split('\n')[2]).toBe((row + error.slice(0, 30)).trimEnd())
    expect((await jobs('history', '--wide')).stdout.split('\n')[2]).toBe(row + error)
    const [entry] = JSON.parse((await jobs('history', 'process-order', '--format', 'json')).stdout)
    expect(entry).toMatchObject({ job_id: '13', attempt: 2, error, worker_id: workerId, queue: 'orders' })
  })

  it('says in --help that NAME is a schedule or a job', async () => {
    expect((await jobs('history', '--help')).stdout).toContain('only runs of this schedule or job')
  })
})

describe('quantum jobs', () => {
  it('prints upstream’s usage lines and exits 1 without an action', async () => {
    expect(await jobs()).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'Usage: quantum jobs <action>\nActions: list, status, run, retry, pause, resume, cancel, history, worker, queues, dispatch, delete\n',
    })
  })

  it('treats an unknown action as a usage error (exit 2)', async () => {
    const result = await jobs('cancle', 'x')
    expect(result.code).toBe(2)
    expect(result.stderr).toContain("error CLI_USAGE: unknown command 'cancle'\n(Did you mean cancel?)\n")
  })

  it.each([
    [['jobs', 'lst'], 'lst', 'list'],
    [['jobs', 'queues', 'stat'], 'stat', 'stats'],
    [['jobs', 'worker', 'strat'], 'strat', 'start'],
    [['worker', 'strat'], 'strat', 'start'],
    [['cron', 'nxt', '* * * * *'], 'nxt', 'next'],
    [['chek', 'x.q'], 'chek', 'check'],
  ])('suggests the nearest command for %j', async (args, typed, suggestion) => {
    const result = await run(['--home', state.home, ...args], { cwd: state.home })
    expect(result.code).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr).toContain(
      `error CLI_USAGE: unknown command '${typed}'\n(Did you mean ${suggestion}?)\n`,
    )
  })

  it('reports a store that cannot be opened as STORE_UNAVAILABLE, exit 1', async () => {
    const result = await run(['--home', '/dev/null/state', 'jobs', 'list'], { cwd: state.home })
    expect(result.code).toBe(1)
    expect(result.stdout).toBe('')
    expect(result.stderr).toMatch(
      /^error STORE_UNAVAILABLE: Cannot create the folder \/dev\/null\/state: \/dev\/null is a file, not a folder\n/,
    )
  })
})
