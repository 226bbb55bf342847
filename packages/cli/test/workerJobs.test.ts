import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { QueueAdapter } from '@quantum/queue'
import { openEmbeddedQueue } from '@quantum/queue/embedded'
import type { Store } from '@quantum/store'
import { openSqliteStore } from '@quantum/store/sqlite'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type LiveChild, quantum, requireBuiltBin, startQuantum } from './child'

// Workers serving queues, as users run them: the built binary as child processes on a real SQLite state
// folder (the embedded queue), jobs dispatched by other `quantum` processes. Wide margins.

const cleanups: (() => Promise<void>)[] = []

beforeAll(requireBuiltBin)

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const APP = `<q:component name="Shop" xmlns:q="https://quantum.lang/ns">
  <q:job name="pack" queue="orders">
    <q:param name="order" type="integer" required="true"/>
    <q:log message="packing {order}"/>
    <q:sleep duration="{sleep}"/>
    <q:return value="{'packed ' + order}"/>
  </q:job>
</q:component>
`

/**
 * A schedule whose fire starts a thread, joins it, dispatches `pack` with its result, calls a function
 * of the component `app/components/Labels.q`, then pauses itself.
 */
const LABELS = `<q:component name="Labels" xmlns:q="https://quantum.lang/ns">
  <q:function name="of"><q:param name="n"/><q:return value="label {n}"/></q:function>
</q:component>`

const FEED = `  <q:schedule name="feed" interval="1s">
    <q:thread name="t"><q:return value="{21 * 2}"/></q:thread>
    <q:thread name="t" action="join"/>
    <q:job name="pack" action="dispatch"><q:param name="order" value="{thread.t.result}"/></q:job>
    <q:invoke name="label" component="Labels" method="of"><q:param name="n" value="{thread.t.result}"/></q:invoke>
    <q:log message="{label}"/>
    <q:schedule name="feed" action="pause"/>
    <q:return value="{dispatched_job_pack.job_id}"/>
  </q:schedule>
</q:component>`

/** A project whose app defines `pack` (sleeping `sleep`), with a store and the queue open on its state folder. */
async function project(sleep: string, config?: object, app = APP.replace('{sleep}', sleep)) {
  const dir = mkdtempSync(join(tmpdir(), 'quantum-cli-jobs-worker-'))
  const home = join(dir, '.quantum')
  mkdirSync(join(dir, 'app'))
  mkdirSync(home)
  writeFileSync(join(dir, 'app', 'shop.q'), app)
  mkdirSync(join(dir, 'app', 'components'))
  writeFileSync(join(dir, 'app', 'components', 'Labels.q'), LABELS)
  if (config) writeFileSync(join(dir, 'quantum.config.json'), JSON.stringify(config))
  const store: Store = await openSqliteStore({ home })
  const queue: QueueAdapter = await openEmbeddedQueue({ home })
  cleanups.push(async () => {
    await queue.close()
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  })
  return { dir, store, queue }
}

function worker(args: string[], cwd: string): LiveChild {
  const child = startQuantum(['worker', 'start', '--app', 'app', ...args], { cwd })
  cleanups.push(() => child.kill())
  return child
}

describe('quantum worker start serving queues', () => {
  it('runs dispatched jobs N at once on the named queues only, and records each attempt', async () => {
    const { dir, store, queue } = await project('1500ms')
    const live = worker(['--queue', 'orders', '--concurrency', '4'], dir)
    await live.printed('Press Ctrl+C to stop the worker.')
    expect(live.stdout()).toContain('  Queues: orders\n  Concurrency: 4\n')
    // Four at once from another process, and one on a queue this worker does not serve.
    writeFileSync(
      join(dir, 'dispatch.q'),
      `<q:component name="Orders" xmlns:q="https://quantum.lang/ns">
  <q:job name="pack" action="batch"><q:loop type="range" var="i" from="1" to="4"><q:param name="order" value="{i}"/></q:loop></q:job>
  <q:job name="pack" action="dispatch" queue="later"><q:param name="order" value="{99}"/></q:job>
</q:component>`,
    )
    expect(await quantum(['run', 'dispatch.q'], { cwd: dir })).toMatchObject({ code: 0, stderr: '' })
    await expect
      .poll(async () => (await store.history({ kind: 'job', status: 'success' })).length, { timeout: 15_000 })
      .toBe(4)
    const rows = await store.history({ kind: 'job' })
    // All four ran at the same time: each started before any finished.
    const started = rows.map((row) => Date.parse(row.startedAt ?? ''))
    const finished = rows.map((row) => Date.parse(row.completedAt ?? ''))
    expect(Math.max(...started)).toBeLessThan(Math.min(...finished))
    expect(rows.map((row) => row.result).sort()).toEqual(['packed 1', 'packed 2', 'packed 3', 'packed 4'])
    expect((await queue.stats('later')).pending).toBe(1)
    expect(live.stdout()).toMatch(/ completed pack #\d+ on orders attempt 1\n/)
    expect(live.stderr()).toMatch(/\[INFO\] \[job:pack #\d+\] packing 1\n/)

    live.child.kill('SIGTERM')
    expect(await live.exited).toEqual([0, null])
    expect(live.stdout()).toMatch(
      /Worker stopped: fires 0 \(0 failed, 0 skipped\), jobs 4 completed, 0 retried, 0 failed, [\d.]+ jobs\/s\.\n$/,
    )
  }, 40_000)

  it('on SIGTERM hands a job still running after the grace back to the queue; another worker finishes it', async () => {
    const { dir, store, queue } = await project('3s', { scheduler: { stopGrace: '300ms' } })
    const first = worker([], dir)
    await first.printed('Press Ctrl+C to stop the worker.')
    const dispatched = await quantum(['jobs', 'dispatch', 'pack', '--params', '{"order": 7}'], { cwd: dir })
    const id = /Job ID: (\S+) /.exec(dispatched.stdout)?.[1] ?? ''
    await first.printed(`[job:pack #${id}] packing 7`)
    first.child.kill('SIGTERM')
    expect(await first.exited).toEqual([0, null])
    // Handed back: pending again, its attempt not counted, nothing recorded as done.
    expect(await queue.get(id)).toMatchObject({ status: 'pending', attempt: 0 })
    expect(await store.history({ kind: 'job', status: 'success' })).toEqual([])

    const second = worker([], dir)
    await expect.poll(async () => (await queue.get(id))?.status, { timeout: 15_000 }).toBe('completed')
    expect((await queue.get(id))?.result).toBe('packed 7')
    second.child.kill('SIGTERM')
    expect(await second.exited).toEqual([0, null])
    const status = JSON.parse(
      (await quantum(['jobs', 'status', id, '--format', 'json'], { cwd: dir })).stdout,
    )
    expect(status).toMatchObject({ id, status: 'completed', attempt: 1, result: 'packed 7' })
  }, 40_000)

  it('a schedule fire starts a thread and dispatches a job on the worker: the worker runs that job', async () => {
    const app = APP.replace('{sleep}', '10ms').replace('</q:component>', FEED)
    const { dir, store, queue } = await project('10ms', undefined, app)
    const live = worker([], dir)
    await live.printed('Press Ctrl+C to stop the worker.')
    await live.printed(/\[job:pack #\d+\] packing 42/)
    await live.printed('[schedule:feed] label 42')
    // An instant that came while the slow first (cold) fire ran is skipped (overlap="false"); after the
    // fire paused the schedule, nothing more runs.
    const ran = async () => (await store.history({ name: 'feed' })).filter((row) => row.status !== 'skipped')
    await expect.poll(async () => (await ran()).length, { timeout: 10_000 }).toBe(1)
    const fires = await ran()
    expect(fires.map((row) => row.status)).toEqual(['success'])
    const id = String(fires[0]?.result)
    await expect.poll(async () => (await queue.get(id))?.status, { timeout: 15_000 }).toBe('completed')
    expect((await queue.get(id))?.result).toBe('packed 42')
    expect((await store.getSchedule('feed'))?.status).toBe('paused')
    live.child.kill('SIGTERM')
    expect(await live.exited).toEqual([0, null])
    expect(live.stdout()).toMatch(/Worker stopped: fires 1 \(0 failed, \d+ skipped\), jobs 1 completed/)
  }, 40_000)

  it('jobs run --sync of a schedule dispatches what its body dispatches, for a worker to run later', async () => {
    const app = APP.replace('{sleep}', '10ms').replace('</q:component>', FEED)
    const { dir, queue } = await project('10ms', undefined, app)
    // Registers feed (and defines pack) without hosting them.
    expect((await quantum(['run', 'app/shop.q'], { cwd: dir })).code).toBe(0)
    const fired = await quantum(['jobs', 'run', 'feed', '--sync'], { cwd: dir })
    expect(fired.stdout).toMatch(/^Running job: feed\.\.\.\nJob completed successfully\.\nResult: \d+\n$/)
    const id = /Result: (\d+)/.exec(fired.stdout)?.[1] ?? ''
    expect(await queue.get(id)).toMatchObject({ name: 'pack', status: 'pending', params: { order: 42 } })
  }, 40_000)

  it('a job body dispatches another job, with a databound param default evaluated where it runs', async () => {
    const chain = `  <q:set name="base" value="{4}"/>
  <q:job name="chain" queue="orders">
    <q:param name="order" type="integer" default="{base + 1}"/>
    <q:job name="pack" action="dispatch"><q:param name="order" value="{order * 10}"/></q:job>
    <q:return value="{order}"/>
  </q:job>
</q:component>`
    const app = APP.replace('{sleep}', '10ms').replace('</q:component>', chain)
    const { dir, store } = await project('10ms', undefined, app)
    const live = worker([], dir)
    await live.printed('Press Ctrl+C to stop the worker.')
    const sent = await quantum(['jobs', 'dispatch', 'chain'], { cwd: dir })
    expect(sent.code, sent.stderr).toBe(0)
    await live.printed(/\[job:pack #\d+\] packing 50/)
    await expect
      .poll(async () => (await store.history({ name: 'chain' })).map((row) => [row.status, row.result]))
      .toEqual([['success', 5]])
    live.child.kill('SIGTERM')
    expect(await live.exited).toEqual([0, null])

    // The same job run here (`--sync`) binds the default the same way and dispatches for a worker.
    const here = await quantum(['jobs', 'run', 'chain', '--sync'], { cwd: dir })
    expect(here.stdout).toBe('Running job: chain...\nJob completed successfully.\nResult: 5\n')
  }, 40_000)
})
