import { randomUUID } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { RunRecord, Store } from '@quantum/store'
import { openRedisStore } from '@quantum/store/redis'
import { openSqliteStore } from '@quantum/store/sqlite'
import { createClient } from 'redis'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type LiveChild, quantum, requireBuiltBin, startQuantum } from './child'

// Workers as users run them: the built binary as child processes on a real SQLite state folder (and one
// on Redis), controlled by other `quantum` processes, stopped by signals. Margins are wide: this runs on
// a busy two-core machine.

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
const cleanups: (() => Promise<void>)[] = []

beforeAll(requireBuiltBin)

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const component = (body: string) =>
  `<q:component name="App" xmlns:q="https://quantum.lang/ns">\n${body}\n</q:component>\n`

/** A project folder with an `app/` folder holding `files`, a state folder, and a store open on it. */
async function project(files: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'quantum-cli-worker-'))
  const home = join(dir, '.quantum')
  mkdirSync(join(dir, 'app'))
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'app', name), text)
  mkdirSync(home)
  const store = await openSqliteStore({ home })
  cleanups.push(async () => {
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  })
  return { dir, home, store }
}

function worker(args: string[], cwd: string, env?: Record<string, string>): LiveChild {
  const child = startQuantum(['worker', 'start', ...args], { cwd, ...(env ? { env } : {}) })
  cleanups.push(() => child.kill())
  return child
}

const successes = (store: Store, name: string) =>
  store.history({ name, status: ['success', 'late'], limit: 1000 })
const startedAfter = (rows: RunRecord[], ms: number) =>
  rows.filter((row) => row.startedAt !== null && Date.parse(row.startedAt) > ms)

/** No due instant is recorded twice (a fire counted once, whatever stopped or restarted). */
function expectEachDueOnce(rows: RunRecord[]) {
  const dues = rows.map((row) => row.dueAt)
  expect(new Set(dues).size).toBe(dues.length)
}

const TICK = component('  <q:schedule name="tick" interval="1s"><q:log message="tick"/></q:schedule>')

describe('quantum worker start, from other processes', () => {
  it('fires a 1 s schedule; jobs pause stops it within a second, resume restarts it; SIGTERM exits 0', async () => {
    const { dir, store } = await project({ 'tick.q': TICK })
    const live = worker(['--app', 'app'], dir)
    await live.printed('Press Ctrl+C to stop the worker.')
    await expect
      .poll(async () => (await successes(store, 'tick')).length, { timeout: 10_000 })
      .toBeGreaterThanOrEqual(2)

    expect(await quantum(['jobs', 'pause', 'tick'], { cwd: dir })).toEqual({
      code: 0,
      stdout: 'Job paused: tick\n',
      stderr: '',
    })
    const pausedAt = Date.now()
    await new Promise((resolve) => setTimeout(resolve, 2_500))
    // One fire may already have been under way; none starts a second or more after the pause.

    expect(startedAfter(await successes(store, 'tick'), pausedAt + 1_000)).toEqual([])
    expect(live.stdout()).toContain(' paused tick\n')

    expect((await quantum(['jobs', 'resume', 'tick'], { cwd: dir })).stdout).toBe('Job resumed: tick\n')
    const resumedAt = Date.now()
    await expect
      .poll(async () => startedAfter(await successes(store, 'tick'), resumedAt).length, { timeout: 5_000 })
      .toBeGreaterThan(0)

    live.child.kill('SIGTERM')
    expect(await live.exited).toEqual([0, null])
    // A fire in flight at the signal may still print its line before the last one. A slow first (cold)
    // fire may make the next instant skipped (overlap="false").
    expect(live.stdout()).toMatch(
      /\nStopping worker...\n(.+\n)?Worker stopped: fires \d+ \(0 failed, \d+ skipped\), jobs 0 completed.*\.\n$/,
    )
    expectEachDueOnce(await store.history({ name: 'tick', limit: 1000 }))
    expect(await store.workers()).toEqual([])
  }, 40_000)

  it('quantum run registers; jobs list shows it and says no worker; a worker started later fires it', async () => {
    const { dir, store } = await project({ 'tick.q': TICK })
    const registered = await quantum(['run', 'app/tick.q'], { cwd: dir })
    expect(registered).toEqual({
      code: 0,
      stdout: '',
      stderr: 'No worker is running: start one with quantum worker start --app app\n',
    })
    const list = await quantum(['jobs', 'list', '--format', 'json'], { cwd: dir })
    const [row] = JSON.parse(list.stdout) as { name: string; status: string; next_run: string | null }[]
    expect(row).toMatchObject({ name: 'tick', status: 'active', next_run: expect.stringMatching(/Z$/) })
    expect(await successes(store, 'tick')).toEqual([])

    // No --app: the worker hosts what the store holds.
    const live = worker([], dir)
    await live.printed('Press Ctrl+C to stop the worker.')
    const readyAt = Date.now()
    expect(live.stdout()).toContain('  Schedules: 1\n')
    await expect
      .poll(async () => (await successes(store, 'tick')).length, { timeout: 5_000 })
      .toBeGreaterThan(0)
    const [first] = (await successes(store, 'tick')).reverse()
    expect(Date.parse(first?.startedAt ?? '')).toBeLessThan(readyAt + 2_500)

    live.child.kill('SIGINT')
    expect(await live.exited).toEqual([0, null])
  }, 30_000)

  it('one Ctrl-C delivered twice at once still stops cleanly; asked again later, it stops at once', async () => {
    const slow = component(`  <q:schedule name="slow" interval="2s">
    <q:log message="started"/><q:sleep duration="5s"/><q:log message="finished"/>
  </q:schedule>`)
    const { dir } = await project({ 'slow.q': slow })
    // The terminal signals the whole process group, and a wrapper (pnpm, timeout) passes it on too.
    const twice = worker(['--app', 'app'], dir)
    await twice.printed('[schedule:slow] started')
    twice.child.kill('SIGINT')
    twice.child.kill('SIGINT')
    expect(await twice.exited).toEqual([0, null])
    expect(twice.stderr()).toContain('[schedule:slow] finished')

    const { dir: other } = await project({ 'slow.q': slow })
    const impatient = worker(['--app', 'app'], other)
    await impatient.printed('[schedule:slow] started')
    impatient.child.kill('SIGINT')
    await impatient.printed('Stopping worker...')
    await new Promise((resolve) => setTimeout(resolve, 1_200))
    impatient.child.kill('SIGINT')
    expect(await impatient.exited).toEqual([130, null])
    expect(impatient.stderr()).not.toContain('[schedule:slow] finished')
  }, 40_000)

  it('lets a fire in flight finish on SIGTERM, exits 0 and records it once', async () => {
    const { dir, store } = await project({
      'slow.q': component(`  <q:schedule name="slow" interval="2s">
    <q:log message="started"/><q:sleep duration="1500ms"/><q:log message="finished"/>
  </q:schedule>`),
    })
    const live = worker(['--app', 'app'], dir)
    await live.printed('[schedule:slow] started')
    const signalled = Date.now()
    live.child.kill('SIGTERM')
    expect(await live.exited).toEqual([0, null])
    expect(Date.now() - signalled).toBeLessThan(9_000)
    expect(live.stderr()).toContain('[schedule:slow] finished')
    // On a slow machine the next instant may come while it runs: that one is skipped (overlap="false").
    const rows = await store.history({ name: 'slow', limit: 100 })
    expect(rows.map((row) => row.status).filter((status) => status !== 'skipped')).toEqual(['success'])
    expectEachDueOnce(rows)
  }, 30_000)

  it('carries a component counter across a restart, although the app sets it to 0 at start', async () => {
    const { dir } = await project({
      'count.q': component(`  <q:set name="count" scope="component" value="{0}"/>
  <q:schedule name="count" interval="1s">
    <q:set name="count" scope="component" value="{count + 1}"/>
    <q:log message="count {count}"/>
  </q:schedule>`),
    })
    const counts = (text: string) =>
      [...text.matchAll(/\[schedule:count\] count (\d+)/g)].map((m) => Number(m[1]))
    const first = worker(['--app', 'app'], dir)
    await first.printed('[schedule:count] count 3')
    first.child.kill('SIGTERM')
    expect(await first.exited).toEqual([0, null])
    const before = counts(first.stderr())
    expect(before.slice(0, 3)).toEqual([1, 2, 3])
    const last = before.at(-1) ?? 0
    expect(before).toEqual(Array.from({ length: last }, (_, i) => i + 1))

    const second = worker(['--app', 'app'], dir)
    await second.printed(`[schedule:count] count ${last + 1}`)
    second.child.kill('SIGTERM')
    expect(await second.exited).toEqual([0, null])
    expect(counts(second.stderr())[0]).toBe(last + 1)
  }, 40_000)

  it('quantum run --serve hosts the file’s schedules until SIGTERM', async () => {
    const { dir, store } = await project({ 'tick.q': TICK })
    const live = startQuantum(['run', 'app/tick.q', '--serve', '--format', 'json'], { cwd: dir })
    cleanups.push(() => live.kill())
    await live.printed(/Serving 1 schedule and every queue as worker \S+\. Press Ctrl\+C to stop\./)
    await expect
      .poll(async () => (await successes(store, 'tick')).length, { timeout: 5_000 })
      .toBeGreaterThan(0)
    expect((await store.workers()).map((w) => w.details.command)).toEqual(['run --serve'])
    live.child.kill('SIGTERM')
    expect(await live.exited).toEqual([0, null])
    // Stdout is the run's JSON alone; the hosting lines went to stderr.
    expect(JSON.parse(live.stdout())).toMatchObject({ component: 'App', result: null })
    expect(live.stderr()).toMatch(/ success tick due \S+Z \(started \d+ ms late\)\n/)
    expect(live.stderr()).toMatch(/Stopped\.\n$/)
  }, 30_000)
})

describe('quantum worker start on Redis', () => {
  it('hosts from the store the configuration names, and hears jobs pause from another process', async () => {
    const prefix = `quantum-cli-worker-${randomUUID()}`
    const { dir } = await project({ 'tick.q': TICK })
    writeFileSync(join(dir, 'quantum.config.json'), JSON.stringify({ redis: { url: REDIS_URL, prefix } }))
    const store = await openRedisStore({ url: REDIS_URL, prefix })
    cleanups.push(async () => {
      await store.close()
      const client = createClient({ url: REDIS_URL })
      await client.connect()
      const keys: string[] = []
      for await (const page of client.scanIterator({ MATCH: `${prefix}:*`, COUNT: 500 })) keys.push(...page)
      if (keys.length > 0) await client.del(keys)
      await client.close()
    })
    const live = worker(['--app', 'app'], dir)
    await live.printed('Press Ctrl+C to stop the worker.')
    expect(live.stdout()).toContain(`  Store: redis ${store.location}\n`)
    await expect
      .poll(async () => (await successes(store, 'tick')).length, { timeout: 10_000 })
      .toBeGreaterThan(0)
    expect((await quantum(['jobs', 'pause', 'tick'], { cwd: dir })).stdout).toBe('Job paused: tick\n')
    const pausedAt = Date.now()
    await new Promise((resolve) => setTimeout(resolve, 2_500))

    expect(startedAfter(await successes(store, 'tick'), pausedAt + 1_000)).toEqual([])
    live.child.kill('SIGTERM')
    expect(await live.exited).toEqual([0, null])
    expect(await store.workers()).toEqual([])
  }, 30_000)
})
