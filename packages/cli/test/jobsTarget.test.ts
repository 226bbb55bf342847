import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { QueueAdapter } from '@quantum/queue'
import { openEmbeddedQueue } from '@quantum/queue/embedded'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { run } from './run'
import { settleJobs, type TempHome, tempHome } from './seed'

// `jobs status|run|retry TEXT` read TEXT by one rule: a schedule's name, else a queue job's ID, else a
// job's name (its newest job); nothing of that name or ID is `Job not found: TEXT` for all three.

let state: TempHome
let queue: QueueAdapter
const quantum = (...args: string[]) => run(['--home', state.home, ...args], { cwd: state.home })
const HINT = 'No worker is running: start one with quantum worker start --app PATH\n'

const APP = `<q:component name="Shop" xmlns:q="https://quantum.lang/ns">
  <q:job name="greet" queue="mail" attempts="1">
    <q:param name="who" type="string" required="true"/>
    <q:return value="{'hi ' + who}"/>
  </q:job>
  <q:schedule name="tick" interval="1h"><q:return value="{1}"/></q:schedule>
</q:component>
`

beforeEach(async () => {
  state = await tempHome()
  writeFileSync(join(state.home, 'app.q'), APP)
  expect((await quantum('run', 'app.q')).code).toBe(0)
  queue = await openEmbeddedQueue({ home: state.home })
})

afterEach(async () => {
  await queue.close()
  await state.cleanup()
})

/** Two greet jobs run by a handler here: Ann's completes, then Bo's fails. Their ids. */
async function settledJobs(): Promise<{ completed: string; failed: string }> {
  const [ann, bo] = await queue.enqueueMany([
    { name: 'greet', queue: 'mail', params: { who: 'Ann' }, attempts: 1 },
    { name: 'greet', queue: 'mail', params: { who: 'Bo' }, attempts: 1 },
  ])
  await settleJobs(
    queue,
    async (job) => {
      if (job.params.who === 'Bo') throw new Error('no mail for Bo')
      return `hi ${job.params.who}`
    },
    2,
  )
  return { completed: String(ann?.id), failed: String(bo?.id) }
}

describe('jobs status, run and retry', () => {
  it.each(['status', 'run', 'retry'])(
    '%s says Job not found for an unknown name or ID, exit 1',
    async (verb) => {
      for (const text of ['nope', '999']) {
        const result = await quantum('jobs', verb, text)
        expect(result.code).toBe(1)
        expect(result.stderr).toBe(`error SCHEDULE_NOT_FOUND: Job not found: ${text}\n`)
      }
    },
  )

  it('status shows the job by ID, and the newest of a name', async () => {
    const { failed } = await settledJobs()
    const byName = JSON.parse((await quantum('jobs', 'status', 'greet', '--format', 'json')).stdout)
    const byId = JSON.parse((await quantum('jobs', 'status', failed, '--format', 'json')).stdout)
    expect(byName).toEqual(byId)
    expect(byId).toMatchObject({ id: failed, status: 'failed', params: { who: 'Bo' } })
  })

  it('retry runs a failed job again from attempt 1, by ID or as the newest of its name', async () => {
    const { failed, completed } = await settledJobs()
    expect(await quantum('jobs', 'retry', failed)).toEqual({
      code: 0,
      stdout: `Job retried: ${failed} (greet)\n`,
      stderr: HINT,
    })
    expect(await queue.get(failed)).toMatchObject({ status: 'pending', attempt: 0 })
    expect(await queue.cancel(failed)).toBe(true)
    expect((await quantum('jobs', 'retry', 'greet')).stdout).toBe(`Job retried: ${failed} (greet)\n`)

    const done = await quantum('jobs', 'retry', completed)
    expect(done.code).toBe(1)
    expect(done.stderr).toBe(
      `error QUEUE_ERROR: Cannot retry job ${completed} (greet): it is completed (only a failed or cancelled job is retried)\n`,
    )
    const schedule = await quantum('jobs', 'retry', 'tick')
    expect(schedule.code).toBe(1)
    expect(schedule.stderr).toBe(
      'error QUEUE_ERROR: Cannot retry tick: it is a schedule (fire it now with quantum jobs run tick)\n',
    )
  })

  it('run ID retries a failed job in place, queues a completed one anew, and refuses a pending one', async () => {
    const { failed, completed } = await settledJobs()
    expect(await quantum('jobs', 'run', failed)).toEqual({
      code: 0,
      stdout: `Running job: ${failed}...\nJob queued for execution. Job ID: ${failed}\n`,
      stderr: HINT,
    })
    expect(await queue.get(failed)).toMatchObject({ status: 'pending', params: { who: 'Bo' } })

    const again = await quantum('jobs', 'run', completed)
    expect(again.code).toBe(0)
    const newId = /Job ID: (\S+)\n$/.exec(again.stdout)?.[1] ?? ''
    expect(newId).not.toBe(completed)
    expect(await queue.get(newId)).toMatchObject({ name: 'greet', status: 'pending', params: { who: 'Ann' } })

    const pending = await quantum('jobs', 'run', newId)
    expect(pending.code).toBe(1)
    expect(pending.stderr).toBe(`error QUEUE_ERROR: Job ${newId} (greet) is already pending\n`)
  })

  it('run ID --sync runs that job’s body here with its parameters', async () => {
    const { completed } = await settledJobs()
    expect(await quantum('jobs', 'run', completed, '--sync')).toMatchObject({
      code: 0,
      stdout: `Running job: ${completed}...\nJob completed successfully.\nResult: hi Ann\n`,
    })
  })
})
