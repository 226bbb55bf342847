import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { QueueAdapter } from '@quantum/queue'
import { openEmbeddedQueue } from '@quantum/queue/embedded'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { run } from './run'
import { type TempHome, tempHome } from './seed'

// The job commands in-process on the embedded queue in a temporary state folder. Workers serving the
// queues are in workerJobs.test.ts.

let state: TempHome
let queue: QueueAdapter
const quantum = (...args: string[]) => run(['--home', state.home, ...args], { cwd: state.home })
const HINT = 'No worker is running: start one with quantum worker start --app PATH\n'

const APP = `<q:component name="Shop" xmlns:q="https://quantum.lang/ns">
  <q:job name="greet" queue="mail" attempts="2">
    <q:param name="who" type="string" required="true"/>
    <q:log message="hello {who}"/>
    <q:return value="{'hi ' + who}"/>
  </q:job>
  <q:job name="slow" timeout="300ms"><q:sleep duration="20s"/></q:job>
</q:component>
`

beforeEach(async () => {
  state = await tempHome()
  writeFileSync(join(state.home, 'app.q'), APP)
  expect(await quantum('run', 'app.q')).toEqual({ code: 0, stdout: '', stderr: '' })
  queue = await openEmbeddedQueue({ home: state.home })
})

afterEach(async () => {
  await queue.close()
  await state.cleanup()
})

describe('quantum jobs dispatch', () => {
  it('enqueues with the definition’s defaults and the options given, and says no worker runs', async () => {
    expect(await quantum('jobs', 'dispatch', 'greet', '--params', '{"who":"Ann"}')).toEqual({
      code: 0,
      stdout: 'Job dispatched: greet. Job ID: 1 (queue: mail)\n',
      stderr: HINT,
    })
    const before = Date.now()
    const second = await quantum(
      'jobs',
      'dispatch',
      'greet',
      '--params',
      '{"who":"Bo"}',
      '--delay',
      '1m',
      '--priority',
      '7',
      '--queue',
      'vip',
    )
    expect(second.stdout).toBe('Job dispatched: greet. Job ID: 2 (queue: vip)\n')
    const job = await queue.get('2')
    expect(job).toMatchObject({
      name: 'greet',
      queue: 'vip',
      priority: 7,
      maxAttempts: 2,
      params: { who: 'Bo' },
    })
    expect(Date.parse(job?.runAt ?? '')).toBeGreaterThanOrEqual(before + 59_000)
  })

  it('fails an unknown job with QUEUE_JOB_NOT_DEFINED, and a bad option as a usage error', async () => {
    expect(await quantum('jobs', 'dispatch', 'nope')).toEqual({
      code: 1,
      stdout: '',
      stderr: "error QUEUE_JOB_NOT_DEFINED: Job 'nope' is not defined\n",
    })
    expect((await quantum('jobs', 'dispatch', 'greet', '--delay', 'soon')).code).toBe(2)
    expect((await quantum('jobs', 'dispatch', 'greet', '--priority', '11')).code).toBe(2)
    const badParams = await quantum('jobs', 'dispatch', 'greet', '--params', '[1]')
    expect(badParams.code).toBe(2)
    expect(badParams.stderr).toMatch(
      /^error CLI_USAGE: option '--params <json>' argument '\[1\]' is invalid\. Invalid JSON parameters: expected a JSON object, like \{"id": 7\}\.\n/,
    )
  })
})

describe('quantum jobs run for a job', () => {
  it('queues it for the workers: upstream’s line with the job’s ID', async () => {
    expect(await quantum('jobs', 'run', 'greet', '--params', '{"who":"Ann"}')).toEqual({
      code: 0,
      stdout: 'Running job: greet...\nJob queued for execution. Job ID: 1\n',
      stderr: HINT,
    })
    expect((await queue.get('1'))?.status).toBe('pending')
  })

  it('with --sync runs it here and prints the result; bad params and a timeout fail with exit 1', async () => {
    const done = await quantum('jobs', 'run', 'greet', '--params', '{"who":"Cy"}', '--sync')
    expect(done.code).toBe(0)
    expect(done.stdout).toBe('Running job: greet...\nJob completed successfully.\nResult: hi Cy\n')
    expect(done.stderr).toMatch(/\[INFO\] \[job:greet\] hello Cy\n/)
    expect(await quantum('jobs', 'run', 'greet', '--sync')).toEqual({
      code: 1,
      stdout: 'Running job: greet...\n',
      stderr: "error RUNTIME_PARAM: Job failed: Missing required parameter 'who'\n",
    })
    const slow = await quantum('jobs', 'run', 'slow', '--sync')
    expect(slow).toMatchObject({ code: 1, stdout: 'Running job: slow...\n' })
    expect(slow.stderr).toMatch(/^error QUEUE_TIMEOUT: Job failed: timed out after 300 ms\n$/)
    const history = await state.store.history({ kind: 'job' })
    expect(history.map((row) => [row.name, row.status, row.queue])).toEqual([
      ['slow', 'timeout', 'default'],
      ['greet', 'success', 'mail'],
    ])
    expect(history[1]?.result).toBe('hi Cy')
  })
})

describe('quantum jobs list|status|cancel with queue jobs', () => {
  it('lists jobs after the schedules with their queue and status, in the table and in JSON', async () => {
    await quantum('jobs', 'dispatch', 'greet', '--params', '{"who":"Ann"}')
    const table = await quantum('jobs', 'list')
    expect(table.stdout.split('\n')[4]).toMatch(
      /^1 {8}greet {21}mail {12}pending {4}\d{4}-\d\d-\d\d [\d:]{8} {2}-$/,
    )
    const [entry] = JSON.parse((await quantum('jobs', 'list', '--format', 'json')).stdout)
    expect(entry).toEqual({
      id: '1',
      name: 'greet',
      type: 'job',
      queue: 'mail',
      status: 'pending',
      interval: null,
      next_run: expect.stringMatching(/Z$/),
      last_run: null,
      run_count: 0,
      error_count: 0,
      last_error: null,
      attempt: 0,
      duration_ms: null,
    })
    expect(
      JSON.parse((await quantum('jobs', 'list', '--status', 'failed', '--format', 'json')).stdout),
    ).toEqual([])
    expect((await quantum('jobs', 'list', '--queue', 'other')).stdout).toBe(
      'State: . (--home)\n\nNo jobs found.\n',
    )
  })

  it('shows a job by ID or by name, and says Job not found otherwise', async () => {
    await quantum('jobs', 'dispatch', 'greet', '--params', '{"who":"Ann"}')
    const byName = await quantum('jobs', 'status', 'greet')
    expect(byName.stdout.split('\n')).toEqual([
      'Job: greet',
      'ID: 1',
      'Status: pending',
      'Queue: mail',
      'Last Run: -',
      expect.stringMatching(/^Next Run: \d{4}-\d\d-\d\d [\d:]{8}$/),
      'Run Count: 0',
      'Attempts: 0/2',
      'Last Error: -',
      '',
    ])
    const byId = JSON.parse((await quantum('jobs', 'status', '1', '--format', 'json')).stdout)
    expect(byId).toMatchObject({
      id: '1',
      name: 'greet',
      type: 'job',
      params: { who: 'Ann' },
      max_attempts: 2,
    })
    expect(await quantum('jobs', 'status', 'nope')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error SCHEDULE_NOT_FOUND: Job not found: nope\n',
    })
  })

  it('cancels a pending job by ID or every pending one by name', async () => {
    for (const who of ['a', 'b', 'c'])
      await quantum('jobs', 'dispatch', 'greet', '--params', `{"who":"${who}"}`)
    expect(await quantum('jobs', 'cancel', '1')).toEqual({
      code: 0,
      stdout: 'Job cancelled: 1\n',
      stderr: '',
    })
    expect(await quantum('jobs', 'cancel', 'greet')).toEqual({
      code: 0,
      stdout: 'Job cancelled: greet (2 jobs)\n',
      stderr: '',
    })
    expect(await quantum('jobs', 'cancel', 'greet')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error QUEUE_JOB_NOT_FOUND: Failed to cancel job: greet (no pending job has that name or ID)\n',
    })
    expect((await queue.list({ status: 'cancelled' })).length).toBe(3)
  })
})

describe('quantum jobs queues', () => {
  it('lists, counts and purges queues as upstream prints them', async () => {
    expect((await quantum('jobs', 'queues', 'list')).stdout).toBe('No queues found.\n')
    await quantum('jobs', 'dispatch', 'greet', '--params', '{"who":"a"}')
    await quantum('jobs', 'dispatch', 'greet', '--params', '{"who":"b"}', '--queue', 'vip')
    await quantum('jobs', 'cancel', '2')
    expect((await quantum('jobs', 'queues', 'list')).stdout).toBe(
      [
        'Queue                Pending    Running    Completed  Failed',
        '-'.repeat(65),
        'mail                 1          0          0          0',
        'vip                  0          0          0          0',
        '',
      ].join('\n'),
    )
    expect((await quantum('jobs', 'queues', 'stats')).stdout).toBe(
      [
        'Queue Statistics',
        '-'.repeat(40),
        '  total_jobs: 1',
        '  pending: 1',
        '  running: 0',
        '  completed: 0',
        '  failed: 0',
        '',
      ].join('\n'),
    )
    expect(JSON.parse((await quantum('jobs', 'queues', 'stats', 'vip', '--format', 'json')).stdout)).toEqual({
      name: 'vip',
      pending: 0,
      running: 0,
      completed: 0,
      failed: 0,
      cancelled: 1,
      paused: false,
    })
    expect(await quantum('jobs', 'queues', 'purge', 'vip', '--status', 'cancelled')).toEqual({
      code: 0,
      stdout: 'Purged 1 job from queue: vip\n',
      stderr: '',
    })
    expect(await quantum('jobs', 'queues')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Usage: quantum jobs queues <list|purge|stats>\n',
    })
  })
})
