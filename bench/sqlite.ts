import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { createDatasources } from '@quantum/runtime/services'
import Database from 'better-sqlite3'
import sqlite3 from 'sqlite3'
import { median } from './lib/measure'

// The SQLite datasource's choice of driver (packages/runtime/README.md, "SQLite"), measured: a SELECT
// by key and a one-row INSERT, one at a time (latency) and from 16 concurrent callers (throughput),
// through raw better-sqlite3 on the main thread (the old datasource, minus its wrapping),
// better-sqlite3 on a worker thread, raw node-sqlite3, and the datasource itself (node-sqlite3 behind
// its queue, interrupt and change counts). Then what each does with a statement that runs too long.

const ROWS = 10_000
const SELECTS = 2_000
const INSERTS = 300
const CONCURRENT = 16
const LONG =
  'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 3000000) SELECT count(*) AS n FROM c'
const SELECT = 'SELECT id, name FROM t WHERE id = ?'
const INSERT = "INSERT INTO t (name) VALUES ('bench')"

interface Client {
  name: string
  query(sql: string, params: unknown[]): Promise<unknown>
  close(): Promise<void>
}

const dir = mkdtempSync(join(tmpdir(), 'quantum-bench-sqlite-'))
const path = join(dir, 'bench.db')
{
  const db = new Database(path)
  db.pragma('journal_mode = WAL')
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)')
  db.prepare(
    `WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ${ROWS}) INSERT INTO t (name) SELECT 'row ' || x FROM c`,
  ).run()
  db.close()
}

function betterSqlite(): Client {
  const db = new Database(path)
  db.pragma('busy_timeout = 30000')
  return {
    name: 'better-sqlite3, main thread',
    async query(sql, params) {
      const statement = db.prepare(sql)
      return statement.reader ? statement.all(...params) : statement.run(...params)
    },
    async close() {
      db.close()
    },
  }
}

function betterSqliteWorker(): Client & { worker: Worker } {
  const worker = new Worker(new URL('./lib/sqliteWorker.mjs', import.meta.url), { workerData: { path } })
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>()
  let next = 0
  worker.on('message', ({ id, result, error }: { id: number; result?: unknown; error?: string }) => {
    const call = waiting.get(id)
    waiting.delete(id)
    if (error === undefined) call?.resolve(result)
    else call?.reject(new Error(error))
  })
  return {
    name: 'better-sqlite3, worker thread',
    worker,
    query(sql, params) {
      const id = next++
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject })
        worker.postMessage({ id, sql, params })
      })
    },
    async close() {
      await worker.terminate()
    },
  }
}

async function nodeSqlite(): Promise<Client> {
  const db = await new Promise<sqlite3.Database>((resolve, reject) => {
    const opened = new sqlite3.Database(path, (error) => (error ? reject(error) : resolve(opened)))
  })
  db.configure('busyTimeout', 30_000)
  // As the datasource does (and better-sqlite3's build does by default): WAL's safe NORMAL sync.
  await new Promise((resolve) => db.run('PRAGMA synchronous = NORMAL', resolve))
  return {
    name: 'node-sqlite3, raw',
    query: (sql, params) =>
      new Promise((resolve, reject) =>
        db.all(sql, params, (error, rows) => (error ? reject(error) : resolve(rows))),
      ),
    close: () => new Promise((resolve) => db.close(() => resolve())),
  }
}

function datasource(): Client {
  const datasources = createDatasources({ db: { driver: 'sqlite', path } }, { home: dir })
  return {
    name: '@quantum datasource',
    // The datasource takes :name placeholders; `?` stands for one here.
    query: (sql, params) =>
      datasources.query({ datasource: 'db', sql: sql.replace('?', ':id'), params: { id: params[0] } }),
    close: () => datasources.close(),
  }
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint()
  await run()
  return Number(process.hrtime.bigint() - start) / 1e9
}

async function sequential(client: Client, sql: string, count: number) {
  for (let i = 0; i < count; i++) await client.query(sql, sql === SELECT ? [(i % ROWS) + 1] : [])
}

async function concurrent(client: Client, count: number) {
  await Promise.all(
    Array.from({ length: CONCURRENT }, async (_, caller) => {
      for (let i = 0; i < count / CONCURRENT; i++)
        await client.query(SELECT, [((caller * 997 + i) % ROWS) + 1])
    }),
  )
}

/** Longest time the event loop went without running a 1 ms timer while `run` was going on. */
async function stall(run: () => Promise<unknown>): Promise<{ stalledMs: number; tookMs: number }> {
  let last = performance.now()
  let longest = 0
  const timer = setInterval(() => {
    const now = performance.now()
    longest = Math.max(longest, now - last)
    last = now
  }, 1)
  const start = performance.now()
  await run().catch(() => undefined)
  const tookMs = performance.now() - start
  await new Promise((resolve) => setTimeout(resolve, 5))
  clearInterval(timer)
  return { stalledMs: longest, tookMs }
}

const clients: Client[] = [betterSqlite(), betterSqliteWorker(), await nodeSqlite(), datasource()]
for (const client of clients) await sequential(client, SELECT, 200)
const results = new Map(
  clients.map((client) => [
    client.name,
    { select: [] as number[], insert: [] as number[], many: [] as number[] },
  ]),
)
for (let round = 0; round < 5; round++) {
  for (const client of clients) {
    const samples = results.get(client.name)
    samples?.select.push((await timed(() => sequential(client, SELECT, SELECTS))) / SELECTS)
    samples?.insert.push((await timed(() => sequential(client, INSERT, INSERTS))) / INSERTS)
    samples?.many.push(SELECTS / (await timed(() => concurrent(client, SELECTS))))
  }
}

console.log(`SQLite, ${ROWS} rows, WAL (median of 5)`)
console.log(
  `  ${'driver'.padEnd(32)} ${'SELECT by key'.padStart(14)} ${'INSERT 1 row'.padStart(14)} ${`SELECT, ${CONCURRENT} callers`.padStart(20)}`,
)
for (const [name, samples] of results) {
  const us = (seconds: number) => `${(seconds * 1e6).toFixed(0)} µs`
  console.log(
    `  ${name.padEnd(32)} ${us(median(samples.select)).padStart(14)} ${us(median(samples.insert)).padStart(14)} ${`${Math.round(median(samples.many))} q/s`.padStart(20)}`,
  )
}

console.log('\nA statement that runs too long (a 3M-step recursive CTE), to be stopped after 200 ms')
const [main, worker] = clients as [Client, Client & { worker: Worker }]
const blocked = await stall(() => main.query(LONG, []))
console.log(
  `  ${main.name.padEnd(32)} cannot be stopped; event loop stalled ${blocked.stalledMs.toFixed(0)} ms of ${blocked.tookMs.toFixed(0)} ms`,
)
const terminated = await stall(async () => {
  const running = worker.query(LONG, [])
  running.catch(() => undefined)
  await new Promise((resolve) => setTimeout(resolve, 200))
  // terminate() cannot stop native code: it returns once the statement is over.
  await worker.worker.terminate()
})
console.log(
  `  ${worker.name.padEnd(32)} terminate() returned after ${terminated.tookMs.toFixed(0)} ms; event loop stalled ${terminated.stalledMs.toFixed(0)} ms`,
)
const datasources = createDatasources({ db: { driver: 'sqlite', path } }, { home: dir })
const withTimeout = await stall(() =>
  datasources.query({ datasource: 'db', sql: LONG, params: {}, timeoutMs: 200 }),
)
const again = await timed(() => datasources.query({ datasource: 'db', sql: 'SELECT 1', params: {} }))
console.log(
  `  ${'@quantum datasource'.padEnd(32)} timed out and interrupted after ${withTimeout.tookMs.toFixed(0)} ms, next query in ${(again * 1000).toFixed(1)} ms; event loop stalled ${withTimeout.stalledMs.toFixed(0)} ms`,
)
await datasources.close()
for (const client of clients) if (client !== worker) await client.close()
rmSync(dir, { recursive: true, force: true })
