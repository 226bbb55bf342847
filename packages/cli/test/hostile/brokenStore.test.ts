import { randomUUID } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createClient } from 'redis'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
// One proxy for the store's tests and these: a Redis that can be made to stop answering.
import { redisProxy } from '../../../store/test/hostile/redisProxy'
import { REDIS_URL } from '../../../store/test/redisAdmin'
import { type LiveChild, quantum, requireBuiltBin, startQuantum } from '../child'

// A worker whose state file is truncated under it (issue 19, item 8): the built binary as a supervisor
// would run it. Bounds are wide: a check each second, ten failed checks in a row before it gives up.

const cleanups: (() => Promise<void>)[] = []
beforeAll(requireBuiltBin)
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const TICK = `<q:component name="App" xmlns:q="https://quantum.lang/ns">
  <q:schedule name="tick" interval="1s"><q:log message="tick"/></q:schedule>
</q:component>
`

function project() {
  const dir = mkdtempSync(join(tmpdir(), 'quantum-cli-broken-'))
  mkdirSync(join(dir, 'app'))
  writeFileSync(join(dir, 'app', 'tick.q'), TICK)
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }))
  return { dir, home: join(dir, '.quantum') }
}

function worker(cwd: string, ...more: string[]): LiveChild {
  const child = startQuantum(['worker', 'start', '--app', 'app', '--metrics-port', '0', ...more], { cwd })
  cleanups.push(() => child.kill())
  return child
}

const metricsPort = (child: LiveChild) =>
  Number(/Metrics: http:\/\/127\.0\.0\.1:(\d+)\//.exec(child.stdout())?.[1])

/** Polls /health until it is not 200; fails past `withinMs`. */
async function failingHealth(port: number, withinMs: number) {
  const began = performance.now()
  for (;;) {
    const answer = await health(port)
    if (answer.status !== 200) return answer
    expect(performance.now() - began).toBeLessThan(withinMs)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

async function health(port: number): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`http://127.0.0.1:${port}/health`)
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

describe('a worker whose quantum.db is truncated under it', () => {
  it('answers /health 503 with STORE_CORRUPT, logs one coded error, exits 1; the CLI names the damage', async () => {
    const { dir, home } = project()
    const child = worker(dir)
    await child.printed('Press Ctrl+C')
    const port = metricsPort(child)
    expect((await health(port)).status).toBe(200)

    const path = join(home, 'quantum.db')
    truncateSync(path, 0)
    const truncatedAt = performance.now()
    // A check each second: 10 s is several times that.
    const failing = await failingHealth(port, 10_000)
    expect(failing.status).toBe(503)
    expect(failing.body).toMatchObject({ status: 'failing', error: { code: 'STORE_CORRUPT' } })
    expect(String((failing.body.error as { message: string }).message)).toContain(path)

    // The CLI beside it says what is wrong with the file, not "database is locked".
    const list = await quantum(['jobs', 'list'], { cwd: dir })
    expect(list.code).toBe(1)
    expect(list.stderr).toContain('STORE_CORRUPT')
    expect(list.stderr).toContain(path)
    expect(list.stderr).not.toMatch(/locked/)

    // Ten failed checks (about 10 s) and it stops by itself, so that a supervisor restarts it.
    const [code] = await child.exited
    expect(code).toBe(1)
    expect(performance.now() - truncatedAt).toBeLessThan(45_000)
    const errors = child
      .stderr()
      .split('\n')
      .filter((line) => /\berror\b/i.test(line) && !/\[INFO\]/.test(line))
    expect(errors).toHaveLength(1)
    expect(errors[0]).toContain('STORE_CORRUPT')
    expect(child.stderr()).not.toMatch(/malformed|locked/)
  }, 60_000)
})

describe('a worker whose Redis stops answering', () => {
  it('answers /health 503 with STORE_UNAVAILABLE, then exits 1 after its bounded wait', async () => {
    const { dir } = project()
    const proxy = await redisProxy()
    cleanups.push(proxy.close)
    const prefix = `quantum-test-${randomUUID()}`
    cleanups.push(async () => {
      const admin = createClient({ url: REDIS_URL })
      await admin.connect()
      for await (const keys of admin.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 }))
        if (keys.length > 0) await admin.del(keys)
      await admin.close()
    })
    writeFileSync(join(dir, 'quantum.config.json'), JSON.stringify({ redis: { url: proxy.url, prefix } }))
    const child = worker(dir)
    await child.printed('Press Ctrl+C')
    const port = metricsPort(child)
    expect((await health(port)).status).toBe(200)
    proxy.cut()
    const cutAt = performance.now()
    const failing = await failingHealth(port, 15_000)
    expect(failing.status).toBe(503)
    expect(failing.body).toMatchObject({ status: 'failing', error: { code: 'STORE_UNAVAILABLE' } })
    const [code] = await child.exited
    expect(code).toBe(1)
    // Ten checks of at most 2 s each, a second apart, then at most 15 s to stop: 45 s; 120 s for a busy machine.
    expect(performance.now() - cutAt).toBeLessThan(120_000)
    expect(child.stderr()).toMatch(/error STORE_UNAVAILABLE/)
  }, 180_000)
})
