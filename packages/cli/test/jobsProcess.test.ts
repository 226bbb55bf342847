import { execFile } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ControlEvent, Store } from '@quantum/store'
import { openRedisStore } from '@quantum/store/redis'
import { createClient } from 'redis'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { seedSchedules, type TempHome, tempHome } from './seed'

// The job commands from another process while a "worker" (this test, holding the store, announcing
// itself and watching for control) runs: the built binary as a child, as a user's shell would run it.

const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url))
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'

interface ChildResult {
  code: number
  stdout: string
  stderr: string
}

function quantum(
  args: string[],
  options: { cwd: string; env?: Record<string, string> },
): Promise<ChildResult> {
  const { QUANTUM_HOME: _, QUANTUM_REDIS_URL: __, NO_COLOR: ___, ...env } = process.env
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { cwd: options.cwd, env: { ...env, ...options.env }, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0
        resolve({ code, stdout, stderr })
      },
    )
  })
}

/** This process as a live worker on `store`: its heartbeat, and the control events it hears. */
async function actAsWorker(store: Store) {
  await store.heartbeat(
    { id: `test-worker-${process.pid}`, host: 'test', pid: process.pid, startedAt: new Date() },
    60_000,
  )
  const events: string[] = []
  const stop = await store.watch((event: ControlEvent) => events.push(`${event.action} ${event.name}`))
  return { events, stop }
}

const cleanups: (() => Promise<void>)[] = []

beforeAll(() => {
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run pnpm --filter @quantum/cli... build first`)
})

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

describe('quantum jobs from another process, on the SQLite store', () => {
  let state: TempHome

  it('lists, pauses, resumes and runs while a worker watches; the worker hears each within seconds', async () => {
    state = await tempHome()
    cleanups.push(() => state.cleanup())
    await seedSchedules(state.store)
    const worker = await actAsWorker(state.store)
    cleanups.push(worker.stop)
    const jobs = (...args: string[]) => quantum(['--home', state.home, 'jobs', ...args], { cwd: state.home })

    const list = await jobs('list')
    expect(list.code).toBe(0)
    expect(list.stdout.split('\n')[4]).toBe(
      '-        hourly-cleanup            scheduler       active     2027-03-14 08:00:00  2027-03-14 07:00:00',
    )

    expect(await jobs('pause', 'hourly-cleanup')).toEqual({
      code: 0,
      stdout: 'Job paused: hourly-cleanup\n',
      stderr: '',
    })
    await expect.poll(() => worker.events, { timeout: 5000 }).toContain('pause hourly-cleanup')
    expect((await state.store.getSchedule('hourly-cleanup'))?.status).toBe('paused')

    expect((await jobs('resume', 'hourly-cleanup')).stdout).toBe('Job resumed: hourly-cleanup\n')
    await expect.poll(() => worker.events, { timeout: 5000 }).toContain('resume hourly-cleanup')

    expect(await jobs('run', 'hourly-cleanup')).toEqual({
      code: 0,
      stdout: 'Running job: hourly-cleanup...\nJob queued for execution. Job ID: N/A\n',
      stderr: '',
    })
    await expect.poll(() => worker.events, { timeout: 5000 }).toContain('run hourly-cleanup')

    const history = await jobs('history', '--format', 'json', '--status', 'failed')
    expect(
      (JSON.parse(history.stdout) as { name: string; status: string }[]).map((row) => row.status),
    ).toEqual(['missed', 'error'])
  })

  it('finds the state folder through QUANTUM_HOME, and without a worker runs the job itself', async () => {
    state = await tempHome()
    cleanups.push(() => state.cleanup())
    await seedSchedules(state.store)
    const viaEnv = await quantum(['jobs', 'status', 'nightly-report'], {
      cwd: tmpdir(),
      env: { QUANTUM_HOME: state.home },
    })
    expect(viaEnv.stdout.split('\n').slice(0, 2)).toEqual(['Job: nightly-report', 'Status: paused'])
    const run = await quantum(['jobs', 'run', 'nightly-report'], {
      cwd: state.home,
      env: { QUANTUM_HOME: state.home },
    })
    // No worker runs there: the command fires it itself.
    expect(run).toMatchObject({
      code: 0,
      stdout: 'Running job: nightly-report...\nJob completed successfully.\n',
    })
  })
})

describe('quantum jobs on Redis (--redis, QUANTUM_REDIS_URL, config redis)', () => {
  async function redisInstallation() {
    const prefix = `quantum-cli-test-${randomUUID()}`
    const store = await openRedisStore({ url: REDIS_URL, prefix })
    const dir = mkdtempSync(join(tmpdir(), 'quantum-cli-redis-'))
    cleanups.push(async () => {
      await store.close()
      rmSync(dir, { recursive: true, force: true })
      const client = createClient({ url: REDIS_URL })
      await client.connect()
      const keys: string[] = []
      for await (const page of client.scanIterator({ MATCH: `${prefix}:*`, COUNT: 500 })) keys.push(...page)
      if (keys.length > 0) await client.del(keys)
      await client.close()
    })
    return { prefix, store, dir }
  }

  it('uses the URL of --redis and the prefix of the configuration, from another process', async () => {
    const { prefix, store, dir } = await redisInstallation()
    await seedSchedules(store)
    const worker = await actAsWorker(store)
    cleanups.push(worker.stop)
    // The file names an unreachable server: --redis wins over it, and its prefix still applies.
    writeFileSync(
      join(dir, 'quantum.config.json'),
      JSON.stringify({ redis: { url: 'redis://127.0.0.1:1', prefix } }),
    )
    const jobs = (...args: string[]) => quantum(['--redis', REDIS_URL, 'jobs', ...args], { cwd: dir })

    const list = await jobs('list', '--format', 'json')
    expect(list.code).toBe(0)
    expect((JSON.parse(list.stdout) as { name: string }[]).map((row) => row.name)).toEqual([
      'hourly-cleanup',
      'nightly-report',
    ])
    expect(await jobs('pause', 'hourly-cleanup')).toEqual({
      code: 0,
      stdout: 'Job paused: hourly-cleanup\n',
      stderr: '',
    })
    await expect.poll(() => worker.events, { timeout: 5000 }).toContain('pause hourly-cleanup')
    expect((await store.getSchedule('hourly-cleanup'))?.status).toBe('paused')
    expect((await jobs('run', 'hourly-cleanup')).stdout).toContain('Job queued for execution. Job ID: N/A')
    await expect.poll(() => worker.events, { timeout: 5000 }).toContain('run hourly-cleanup')
    expect((await jobs('history', 'hourly-cleanup')).stdout.split('\n')).toHaveLength(5)
    // Nothing went to a state folder.
    expect(existsSync(join(dir, '.quantum'))).toBe(false)
  })

  it('takes QUANTUM_REDIS_URL, or the configuration alone', async () => {
    const { prefix, store, dir } = await redisInstallation()
    await seedSchedules(store)
    writeFileSync(join(dir, 'quantum.config.json'), JSON.stringify({ redis: { url: REDIS_URL, prefix } }))
    const fromFile = await quantum(['jobs', 'status', 'nightly-report'], { cwd: dir })
    expect(fromFile.stdout.split('\n').slice(0, 2)).toEqual(['Job: nightly-report', 'Status: paused'])
    writeFileSync(
      join(dir, 'quantum.config.json'),
      JSON.stringify({ redis: { url: 'redis://127.0.0.1:1', prefix } }),
    )
    const fromEnv = await quantum(['jobs', 'delete', 'nightly-report'], {
      cwd: dir,
      env: { QUANTUM_REDIS_URL: REDIS_URL },
    })
    expect(fromEnv).toEqual({ code: 0, stdout: 'Job deleted: nightly-report\n', stderr: '' })
    expect(await store.getSchedule('nightly-report')).toBeUndefined()
  })

  it('reports a Redis that does not answer as STORE_UNAVAILABLE, without the password, exit 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quantum-cli-redis-'))
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }))
    const result = await quantum(['--redis', 'redis://:secret@127.0.0.1:1', 'jobs', 'list'], { cwd: dir })
    expect(result.code).toBe(1)
    expect(result.stdout).toBe('')
    expect(result.stderr).toMatch(
      /^error STORE_UNAVAILABLE: Cannot connect to Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:1/,
    )
    expect(result.stderr).not.toContain('secret')
  })
})
