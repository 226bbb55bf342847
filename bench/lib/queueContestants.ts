import { join } from 'node:path'
import { parse } from '@quantum/parser'
import { createJobService, type QueueAdapter } from '@quantum/queue'
import { openBeeQueue } from '@quantum/queue/bee'
import { openEmbeddedQueue } from '@quantum/queue/embedded'
import { type BodyExecutor, createRuntime } from '@quantum/runtime'
import type { Store } from '@quantum/store'
import { openRedisStore } from '@quantum/store/redis'
import { openSqliteStore } from '@quantum/store/sqlite'
import BeeQueue from 'bee-queue'
import Database from 'better-sqlite3'
import { Queue as BullQueue, Worker as BullWorker } from 'bullmq'

/** One end-to-end run: workers already waiting, `n` jobs enqueued in bulk, the clock stops at the last completion. */
export interface Run {
  /** Enqueue these jobs (indexes `from` to `to` - 1). */
  enqueue(from: number, to: number): Promise<unknown>
  /** Resolves when `n` jobs completed. */
  done: Promise<void>
  close(): Promise<void>
}

export interface Setup {
  redis: { host: string; port: number; url: string }
  dir: string
  executor: BodyExecutor
}

export type Contestant = (setup: Setup, n: number, concurrency: number) => Promise<Run>

/** Counts completions and resolves once there are `n`. */
function counter(n: number) {
  let count = 0
  let resolve: () => void = () => {}
  const done = new Promise<void>((settle) => {
    resolve = settle
  })
  return {
    done,
    one() {
      if (++count === n) resolve()
    },
  }
}

export const rawBee: Contestant = async ({ redis }, n, concurrency) => {
  const settings = {
    redis: { host: redis.host, port: redis.port },
    getEvents: false,
    sendEvents: false,
    storeJobs: false,
  }
  const producer = new BeeQueue('raw', { ...settings, isWorker: false })
  const worker = new BeeQueue('raw', settings)
  await Promise.all([producer.ready(), worker.ready()])
  const completions = counter(n)
  worker.on('succeeded', () => completions.one())
  worker.process(concurrency, async () => null)
  return {
    enqueue: (from, to) =>
      producer.saveAll(Array.from({ length: to - from }, (_, i) => producer.createJob({ i: from + i }))),
    done: completions.done,
    close: async () => {
      await worker.close()
      await producer.close()
    },
  }
}

export const bull: Contestant = async ({ redis }, n, concurrency) => {
  const connection = { host: redis.host, port: redis.port, maxRetriesPerRequest: null }
  const queue = new BullQueue('bull', { connection })
  const completions = counter(n)
  const worker = new BullWorker('bull', async () => null, { connection, concurrency })
  worker.on('completed', () => completions.one())
  await worker.waitUntilReady()
  return {
    enqueue: (from, to) =>
      queue.addBulk(Array.from({ length: to - from }, (_, i) => ({ name: 'noop', data: { i: from + i } }))),
    done: completions.done,
    close: async () => {
      await worker.close()
      await queue.close()
    },
  }
}

/** The adapter alone: a no-op handler on `process`. */
function adapterNoop(open: (setup: Setup) => Promise<QueueAdapter>): Contestant {
  return async (setup, n, concurrency) => {
    const queue = await open(setup)
    const completions = counter(n)
    const processor = queue.process(async () => null, { concurrency, settled: () => completions.one() })
    return {
      enqueue: (from, to) =>
        queue.enqueueMany(
          Array.from({ length: to - from }, (_, i) => ({ name: 'noop', params: { i: from + i } })),
        ),
      done: completions.done,
      close: async () => {
        await processor.stop()
        await queue.close()
      },
    }
  }
}

const JOB = parse(
  `<q:component name="Bench"><q:job name="one" attempts="1"><q:param name="i" type="integer"/><q:return value="{i}"/></q:job></q:component>`,
  { file: 'bench.q' },
)

/** A one-statement `.q` job through the job service: params bound, body on the executor, history written. */
function qJob(
  open: (setup: Setup) => Promise<QueueAdapter>,
  store: (setup: Setup) => Promise<Store>,
  executorOf: (setup: Setup) => BodyExecutor = (setup) => setup.executor,
): Contestant {
  return async (setup, n, concurrency) => {
    const queue = await open(setup)
    const stored = await store(setup)
    const jobs = createJobService({ queue, store: stored, executor: executorOf(setup) })
    await createRuntime({ jobs }).run(JOB)
    const completions = counter(n)
    const worker = jobs.work({ concurrency, onSettled: () => completions.one() })
    return {
      enqueue: (from, to) =>
        jobs.dispatchBatch(
          Array.from({ length: to - from }, (_, i) => ({ name: 'one', params: { i: from + i } })),
        ),
      done: completions.done,
      close: async () => {
        await worker.stop()
        await queue.close()
        await stored.close()
      },
    }
  }
}

const bee = ({ redis }: Setup) => openBeeQueue({ url: redis.url, prefix: 'ours' })
const embedded = ({ dir }: Setup) => openEmbeddedQueue({ home: dir })
const redisStore = ({ redis }: Setup) => openRedisStore({ url: redis.url, prefix: 'ours' })
const sqliteStore = ({ dir }: Setup) => openSqliteStore({ home: dir, retention: { maxPerName: null } })

/** Runs bodies on the calling thread: what a job costs without the pool's hand-off. */
export function inProcessExecutor(): BodyExecutor {
  const runtime = createRuntime()
  return {
    async execute(execution) {
      const ran = await runtime.runBody(execution.body, {
        kind: execution.kind,
        ...(execution.params && { vars: execution.params }),
      })
      return { status: 'completed', result: ran.result, output: ran.output, logs: ran.logs, elapsedMs: 0 }
    },
  }
}

export const ourBeeNoop = adapterNoop(bee)
export const ourBeeQ = qJob(bee, redisStore)
export const ourBeeQInProcess = qJob(bee, redisStore, () => inProcessExecutor())
export const ourEmbeddedNoop = adapterNoop(embedded)
export const ourEmbeddedQ = qJob(embedded, sqliteStore)
export const ourEmbeddedQInProcess = qJob(embedded, sqliteStore, () => inProcessExecutor())

/**
 * The floor for the embedded queue: better-sqlite3 with the same pragmas, jobs inserted in one
 * transaction, then claimed one at a time by one `UPDATE … RETURNING` and marked done (two writes per job).
 */
export function bareSqlite(dir: string, n: number): number {
  const db = new Database(join(dir, 'bare.db'))
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.exec(`CREATE TABLE IF NOT EXISTS jobs (id INTEGER PRIMARY KEY, params TEXT, status TEXT, priority INTEGER);
    DELETE FROM jobs;
    CREATE INDEX IF NOT EXISTS ready ON jobs (priority DESC, id) WHERE status = 'pending'`)
  const insert = db.prepare("INSERT INTO jobs (params, status, priority) VALUES (?, 'pending', 0)")
  const claim = db.prepare(`UPDATE jobs SET status = 'running' WHERE id =
    (SELECT id FROM jobs WHERE status = 'pending' ORDER BY priority DESC, id LIMIT 1) RETURNING id`)
  const done = db.prepare("UPDATE jobs SET status = 'completed' WHERE id = ?")
  const start = performance.now()
  db.transaction(() => {
    for (let i = 0; i < n; i++) insert.run(JSON.stringify({ i }))
  })()
  for (;;) {
    const row = claim.get() as { id: number } | undefined
    if (!row) break
    done.run(row.id)
  }
  const seconds = (performance.now() - start) / 1000
  db.close()
  return n / seconds
}
