import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createThreadPool } from '@quantum/threads'
import { cpuBetween, cpuMs, threadCpu } from './lib/processCpu'
import {
  bareSqlite,
  bull,
  type Contestant,
  ourBeeNoop,
  ourBeeQ,
  ourBeeQInProcess,
  ourEmbeddedNoop,
  ourEmbeddedQ,
  ourEmbeddedQInProcess,
  rawBee,
  type Setup,
} from './lib/queueContestants'

// Queues end to end, side by side on one throwaway Redis (persistence off) and one temp folder: the
// worker is waiting, N jobs are enqueued in bulk (chunks of 1,000), and the clock stops when the last
// one completes. Raw bee-queue and BullMQ run no-op handlers; ours run a no-op handler on the adapter,
// and a one-statement .q job through the job service (params bound, body on the thread pool, one
// history row per job). The same job with its body run on the calling thread ("in-process") shows what
// the thread pool, the executor the worker wires in, costs on each adapter. The bare better-sqlite3
// loop is the floor for the embedded queue.

const N = Number(process.env.QUEUE_BENCH_JOBS ?? 20_000)
const CONCURRENCY = (process.env.QUEUE_BENCH_CONCURRENCY ?? '1,10,50').split(',').map(Number)
const CHUNK = 1000

const port = 20_000 + Math.floor(Math.random() * 20_000)
const server = spawn(
  'redis-server',
  ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
  },
)
await new Promise<void>((resolve) => {
  let output = ''
  server.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString()
    if (output.includes('Ready to accept connections')) resolve()
  })
})
server.stdout?.resume()
const redis = { host: '127.0.0.1', port, url: `redis://127.0.0.1:${port}` }
const flush = () =>
  new Promise((resolve) =>
    spawn('redis-cli', ['-p', String(port), 'flushall'], { stdio: 'ignore' }).once('exit', resolve),
  )

const RAW = 'bee-queue, raw, no-op'
const BULL = 'BullMQ, no-op'
const BEE_POOL = '@quantum/queue/bee, .q job (pool)'
const BEE_HERE = '@quantum/queue/bee, .q job (in-process)'
const EMBEDDED_POOL = '@quantum/queue/embedded, .q job (pool)'
const EMBEDDED_HERE = '@quantum/queue/embedded, .q job (in-process)'
const BEE_NOOP = '@quantum/queue/bee, no-op handler'
const EMBEDDED_NOOP = '@quantum/queue/embedded, no-op handler'
const all: [string, Contestant][] = [
  [RAW, rawBee],
  [BULL, bull],
  [BEE_NOOP, ourBeeNoop],
  [BEE_POOL, ourBeeQ],
  [BEE_HERE, ourBeeQInProcess],
  [EMBEDDED_NOOP, ourEmbeddedNoop],
  [EMBEDDED_POOL, ourEmbeddedQ],
  [EMBEDDED_HERE, ourEmbeddedQInProcess],
]
// QUEUE_BENCH_ONLY='embedded|raw' runs only the contestants whose names contain one of these words.
const only = process.env.QUEUE_BENCH_ONLY?.split('|')
const contestants = only ? all.filter(([name]) => only.some((word) => name.includes(word))) : all

const rates = new Map<string, Map<number, number>>()
for (const concurrency of CONCURRENCY) {
  const pool = createThreadPool({ max: Math.max(10, concurrency) })
  await pool.warm()
  for (const [name, contestant] of contestants) {
    const dir = mkdtempSync(join(tmpdir(), 'quantum-bench-queue-'))
    await flush()
    const setup: Setup = { redis, dir, executor: pool }
    const run = await contestant(setup, N, concurrency)
    const start = performance.now()
    const loop = performance.eventLoopUtilization()
    const cpu = process.cpuUsage()
    const redisCpu = cpuMs(server.pid as number)
    const threads = threadCpu()
    for (let from = 0; from < N; from += CHUNK) await run.enqueue(from, Math.min(N, from + CHUNK))
    await run.done
    const rate = N / ((performance.now() - start) / 1000)
    const busy = (performance.eventLoopUtilization(loop).active * 1000) / N
    const used = process.cpuUsage(cpu)
    const byThread = cpuBetween(threads, threadCpu())
    const redisMs = cpuMs(server.pid as number) - redisCpu
    const perJob = (ms: number) => (Number.isNaN(ms) ? 'n/a' : `${((ms * 1000) / N).toFixed(0)} µs`)
    await run.close()
    rmSync(dir, { recursive: true, force: true })
    const row = rates.get(name) ?? new Map<number, number>()
    row.set(concurrency, rate)
    rates.set(name, row)
    console.error(
      `  c=${concurrency} ${name}: ${Math.round(rate)} jobs/s; per job: main thread busy ${busy.toFixed(0)} µs, CPU ${perJob((used.user + used.system) / 1000)} (main thread ${perJob(byThread.main)}, other threads ${perJob(byThread.others)}), Redis server CPU ${perJob(redisMs)}`,
    )
  }
  await pool.close()
}
const floorDir = mkdtempSync(join(tmpdir(), 'quantum-bench-queue-'))
const floor = bareSqlite(floorDir, N)
rmSync(floorDir, { recursive: true, force: true })
server.kill('SIGTERM')

const at = (name: string, c: number) => rates.get(name)?.get(c) ?? Number.NaN
const fmt = (value: number) => Math.round(value).toLocaleString('en-US').padStart(8)
console.log(`\nQueues end to end: ${N.toLocaleString('en-US')} jobs, bulk enqueue, jobs/s`)
console.log(`  ${''.padEnd(46)}${CONCURRENCY.map((c) => `c=${c}`.padStart(10)).join('')}`)
for (const [name] of contestants)
  console.log(`  ${name.padEnd(46)}${CONCURRENCY.map((c) => `  ${fmt(at(name, c))}`).join('')}`)
console.log(
  `  ${'better-sqlite3 claim + complete loop'.padEnd(46)}  ${fmt(floor)} (one loop, no concurrency)`,
)
const ratio = (label: string, value: (c: number) => number, target: string) =>
  console.log(
    `  ${label.padEnd(58)}${CONCURRENCY.map((c) => `${value(c).toFixed(2)}x`.padStart(8)).join('')}   ${target}`,
  )
console.log('\nRatios')
const versus = (a: string, b: string) => (c: number) => at(a, c) / at(b, c)
const overFloor = (a: string) => (c: number) => at(a, c) / floor
ratio('bee adapter .q job / raw bee-queue', versus(BEE_POOL, RAW), 'target >= 0.8')
ratio('bee adapter .q job / BullMQ', versus(BEE_POOL, BULL), 'target > 1')
ratio('bee adapter .q job in-process / raw bee-queue', versus(BEE_HERE, RAW), '')
ratio('bee adapter .q job in-process / BullMQ', versus(BEE_HERE, BULL), '')
ratio('bee adapter no-op / raw bee-queue', versus(BEE_NOOP, RAW), '')
ratio('embedded .q job / bare SQLite loop', overFloor(EMBEDDED_POOL), 'target >= 0.5')
ratio('embedded .q job in-process / bare SQLite loop', overFloor(EMBEDDED_HERE), '')
ratio('embedded no-op / bare SQLite loop', overFloor(EMBEDDED_NOOP), '')
ratio('embedded .q job / raw bee-queue', versus(EMBEDDED_POOL, RAW), 'stretch > 1')
// What the executor costs: the same job with its body on the thread pool against on the calling thread.
ratio('executor, bee: .q on the pool / .q in-process', versus(BEE_POOL, BEE_HERE), '')
ratio('executor, embedded: .q on the pool / .q in-process', versus(EMBEDDED_POOL, EMBEDDED_HERE), '')
