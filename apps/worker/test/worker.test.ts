import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process'
import { once } from 'node:events'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { openEmbeddedQueue } from '@quantum/queue/embedded'
import { openOutbox } from '@quantum/runtime/services'
import Database from 'better-sqlite3'
import { createClient } from 'redis'
import { afterEach, describe, expect, it } from 'vitest'

// The demo app as a newcomer runs it: the built `quantum` binary as a child process on a temp copy of
// app/, with its own state folder. Bounds are wide: this machine is busy and CI runs serially.

const appFolder = fileURLToPath(new URL('../app', import.meta.url))
const bin = join(dirname(createRequire(import.meta.url).resolve('@quantum/cli/package.json')), 'dist/bin.js')

const cleanups: (() => void | Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

interface Worker {
  child: ChildProcessWithoutNullStreams
  output(): string
}

/** A temp project holding a copy of the demo app (and `quantum.config.json` when given), removed after the test. */
function project(config?: object): string {
  const dir = mkdtempSync(join(tmpdir(), 'quantum-app-worker-'))
  cpSync(appFolder, join(dir, 'app'), { recursive: true })
  if (config) writeFileSync(join(dir, 'quantum.config.json'), JSON.stringify(config))
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

/** The environment of a child: this one's, without the settings a developer's shell may have. */
function childEnv(): NodeJS.ProcessEnv {
  const { QUANTUM_HOME: _, QUANTUM_REDIS_URL: __, QUANTUM_MAIL_URL: ___, ...env } = process.env
  return env
}

/** `quantum worker start --app app` in `dir` (or other `quantum` arguments); killed at the end of the test. */
function startWorker(
  dir: string,
  args: string[] = [],
  command = ['worker', 'start', '--app', 'app'],
): Worker {
  const child = spawn(process.execPath, [bin, ...command, ...args], {
    cwd: dir,
    env: childEnv(),
  })
  let text = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (text += chunk))
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (text += chunk))
  const exited = once(child, 'exit')
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    await exited
  })
  return { child, output: () => text }
}

/** Polls `check` until it returns true, failing with `what` and the worker's output after `ms`. */
async function eventually(what: string, worker: Worker, check: () => boolean, ms = 25_000) {
  const deadline = Date.now() + ms
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what} not seen within ${ms} ms:\n${worker.output()}`)
    if (worker.child.exitCode !== null) throw new Error(`worker exited early:\n${worker.output()}`)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

/** Rows of the shop database; none until the app has created the file and its tables. */
function rows<T>(file: string, sql: string): T[] {
  if (!existsSync(file)) return []
  const db = new Database(file, { readonly: true, fileMustExist: true })
  try {
    return db.prepare(sql).all() as T[]
  } catch {
    return []
  } finally {
    db.close()
  }
}

describe('the demo worker', () => {
  it('as pnpm start runs it, keeps its state where quantum jobs list at the repository root looks', async () => {
    // The repository's layout: its root quantum.config.json, and this app in apps/worker.
    const root = mkdtempSync(join(tmpdir(), 'quantum-app-layout-'))
    cleanups.push(() => rmSync(root, { recursive: true, force: true }))
    const here = join(root, 'apps', 'worker')
    cpSync(join(appFolder, '..', 'package.json'), join(here, 'package.json'))
    cpSync(join(appFolder, '..', 'app'), join(here, 'app'), { recursive: true })
    cpSync(join(appFolder, '..', '..', '..', 'quantum.config.json'), join(root, 'quantum.config.json'))
    const script: string = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8')).scripts.start
    const [command, ...args] = script.split(' ')
    expect(command).toBe('quantum')
    const worker = startWorker(here, [], args)
    await eventually('the banner', worker, () => worker.output().includes('Press Ctrl+C'))
    expect(worker.output()).toContain(
      `  State: ${join(root, '.quantum')} (from ${join(root, 'quantum.config.json')})\n`,
    )
    const list = spawnSync(process.execPath, [bin, 'jobs', 'list'], {
      cwd: root,
      env: childEnv(),
      encoding: 'utf8',
    })
    expect(list.stdout.split('\n')[0]).toBe('State: .quantum (from quantum.config.json)')
    expect(list.stdout).toMatch(/\n- +take-orders +scheduler +active /)
    worker.child.kill('SIGINT')
    await once(worker.child, 'exit')
    expect(existsSync(join(here, '.quantum'))).toBe(false)
  }, 60_000)

  it('pays the seeded orders with a visible retry, mails the report, and stops on SIGINT without losing a job', async () => {
    const dir = project()
    const home = join(dir, '.quantum')
    const worker = startWorker(dir, ['--metrics-port', '0'])
    const shop = join(home, 'app.db')
    const paid = () => rows<{ id: number }>(shop, "SELECT id FROM orders WHERE status = 'paid' ORDER BY id")
    const paidIds = () => paid().map((row) => row.id)
    await eventually('the six seeded orders paid', worker, () =>
      [1, 2, 3, 4, 5, 6].every((id) => paidIds().includes(id)),
    )
    // Order 4 is declined on its first attempt by the app's payment rule, then paid on the retry.
    const payments = rows<{ order_id: number; ok: number }>(shop, 'SELECT order_id, ok FROM payments')
    expect(payments.filter((p) => p.ok === 0 && p.order_id <= 6).map((p) => p.order_id)).toEqual([4])
    await eventually('the retry line of order 4', worker, () =>
      /retrying process-order #\d+ on orders attempt 1 .*Payment declined for order 4/.test(worker.output()),
    )
    // take-orders (every 3 s, in a scheduler worker thread) inserts orders and dispatches them itself.
    await eventually('orders taken by the schedule paid', worker, () => paidIds().some((id) => id > 6))
    // The fire's log line comes from the scheduler's thread: it may reach the output after the payment.
    await eventually('the take-orders log line', worker, () =>
      /\[schedule:take-orders\] took orders \d+ and \d+\n/.test(worker.output()),
    )

    const outbox = openOutbox(home)
    cleanups.push(() => outbox.close())
    await eventually('the report mail', worker, () => outbox.list().length > 0)
    expect(outbox.list()[0]?.subject).toMatch(/^Daily report: \d+ orders paid$/)
    expect(worker.output()).toContain('order totals by customer: ')

    const endpoint = /Metrics: (http:\/\/127\.0\.0\.1:\d+)\/metrics/.exec(worker.output())?.[1]
    expect(endpoint, worker.output()).toBeDefined()
    const health = await fetch(`${endpoint}/health`)
    expect(health.status).toBe(200)
    expect(await health.json()).toMatchObject({ status: 'ok', worker: expect.any(String) })
    const metrics = await (await fetch(`${endpoint}/metrics`)).text()
    for (const name of [
      'quantum_schedule_fires_total',
      'quantum_schedule_runs_total',
      'quantum_schedule_lateness_seconds_bucket',
      'quantum_job_attempts_bucket',
    ]) {
      expect(metrics).toContain(name)
    }
    expect(metrics).toMatch(
      /quantum_job_runs_total\{queue="orders",job="process-order",status="retrying"\} [1-9]\d*/,
    )
    expect(metrics).toMatch(/quantum_queue_depth\{queue="orders",status="completed"\} \d+/)

    worker.child.kill('SIGINT')
    const [code, signal] = (await once(worker.child, 'exit')) as [number | null, string | null]
    expect({ code, signal }, worker.output()).toEqual({ code: 0, signal: null })
    expect(worker.output()).toContain('Stopping worker...')
    // Nothing lost: every order is paid, or its job waits in the queue for the next start.
    const orders = rows<{ id: number; status: string }>(shop, 'SELECT id, status FROM orders')
    const queue = await openEmbeddedQueue({ home })
    try {
      const stats = await queue.stats('orders')
      expect(stats, 'orders').toMatchObject({ running: 0, failed: 0 })
      expect(stats.completed).toBe(orders.filter((order) => order.status === 'paid').length)
      expect(stats.completed + stats.pending).toBe(orders.length)
      expect(await queue.stats('mail')).toMatchObject({ pending: 0, running: 0, failed: 0, completed: 1 })
    } finally {
      await queue.close()
    }
  }, 60_000)

  it('on Redis, two worker processes share the orders and pay each exactly once', async () => {
    const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
    const prefix = `quantum-app-test-${process.pid}-${Date.now()}`
    const dir = project({ redis: { url: redisUrl, prefix } })
    const redis = createClient({ url: redisUrl })
    await redis.connect()
    cleanups.push(async () => {
      for await (const keys of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
        if (keys.length > 0) await redis.del(keys)
      }
      await redis.quit()
    })
    const a = startWorker(dir)
    await eventually('the first worker', a, () => a.output().includes('Press Ctrl+C'))
    const b = startWorker(dir)
    await eventually('the second worker', b, () => b.output().includes('Press Ctrl+C'))
    expect(a.output()).toContain('Store: redis')
    const shop = join(dir, '.quantum', 'app.db')
    // take-orders fires on one worker per instant and dispatches; both workers take the jobs.
    const paidIds = () =>
      rows<{ id: number }>(shop, "SELECT id FROM orders WHERE status = 'paid' ORDER BY id").map((r) => r.id)
    await eventually('twelve paid orders', a, () => paidIds().length >= 12, 40_000)
    a.child.kill('SIGINT')
    b.child.kill('SIGINT')
    const exits = await Promise.all([once(a.child, 'exit'), once(b.child, 'exit')])
    expect(exits, a.output() + b.output()).toEqual([
      [0, null],
      [0, null],
    ])
    const okPayments = rows<{ order_id: number; n: number }>(
      shop,
      'SELECT order_id, COUNT(*) AS n FROM payments WHERE ok = 1 GROUP BY order_id ORDER BY order_id',
    )
    expect(okPayments.map((row) => row.order_id)).toEqual(paidIds())
    expect(okPayments.filter((row) => row.n !== 1)).toEqual([])
    const done = (w: Worker) => (w.output().match(/completed process-order/g) ?? []).length
    expect(done(a) + done(b)).toBe(paidIds().length)
    // Each take-orders instant fired on exactly one of the two workers.
    const dues = (w: Worker) => [...w.output().matchAll(/success take-orders due (\S+)/g)].map((m) => m[1])
    const all = [...dues(a), ...dues(b)]
    expect(all.length).toBeGreaterThanOrEqual(3)
    expect(new Set(all).size).toBe(all.length)
  }, 90_000)
})
