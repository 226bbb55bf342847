import { hostname } from 'node:os'
import { QuantumError, type SerializedError } from '@quantum/ast'
import type { StateDatabase, WriteTurn, WriteUrgency } from '@quantum/store/sqlite'
import type Database from 'better-sqlite3'
import type {
  FinishOptions,
  JobFilter,
  JobHandler,
  JobQuery,
  JobReceipt,
  JobStatus,
  NewJob,
  ProcessOptions,
  Processor,
  ProgressListener,
  QueueAdapter,
  QueueJob,
  QueueStats,
  Settlement,
} from '../contract'
import type { LeaseOps } from '../internal/attempt'
import { retryDelayMs } from '../internal/backoff'
import { closedError, queueError } from '../internal/errors'
import { Finishes } from '../internal/finishes'
import { normalizeJob, paramsJson } from '../internal/newJob'
import { checkStatus, pageOf } from '../internal/page'
import { emptyStats, statsOf } from '../internal/stats'
import { iso } from '../internal/time'
import { warnOnce } from '../internal/warnings'
import { EmbeddedProcessor } from './processor'
import { byPriority, type ClaimedRow, type JobRow, toJob } from './rows'
import { type ClaimFilter, claimSql, prepareStatements, type Statements } from './statements'

/**
 * Up to this many jobs a claim takes one statement each: `id IN (subquery)` costs about as much as four
 * single claims before it takes its first row (measured on SQLite 3.53: 50 µs against 12 µs).
 */
const ONE_BY_ONE = 8

/** How often a wait for a job's end looks for other processes' commits, in ms. */
const WATCH_MS = 50
/** How often `onChange` looks at `data_version`: well within a second, and a pragma costs microseconds. */
const CHANGE_MS = 200
/** How often a wait for a job's end reads the job whatever `data_version` says, in ms. */
const RECHECK_MS = 1000

/** Settings of an open embedded queue (see `openEmbeddedQueue`). */
export interface EmbeddedSettings {
  leaseMs: number
  pollMs: number
}

/** The embedded `QueueAdapter`: jobs are rows of `quantum_queue_jobs` in the state database. */
export class EmbeddedQueue implements QueueAdapter {
  readonly kind = 'embedded'
  readonly #db: Database.Database
  readonly #sql: Statements
  readonly #state: StateDatabase
  readonly #turn: WriteTurn
  readonly #unhook: () => void
  readonly #settings: EmbeddedSettings
  readonly #worker = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`
  readonly #processors = new Set<EmbeddedProcessor>()
  readonly #progress = new Set<ProgressListener>()
  readonly #changeListeners = new Set<() => void>()
  #changeWatch: NodeJS.Timeout | undefined
  readonly #claims = new Map<string, Database.Statement>()
  /**
   * Whether any queue is paused, read by every poll (and set at once by this adapter's pause): while
   * none is, claims skip the paused check. A pause from another process reaches this one within a poll.
   */
  #anyPaused = true
  #poll: NodeJS.Timeout | undefined
  #nextReap = 0
  #closed = false
  /** Whether the transaction now running inserted jobs (so idle processors claim in it). */
  #inserted = false
  /** Jobs this connection ended in the transaction now running (their waiters hear of it on commit). */
  readonly #ended = new Set<string>()
  readonly #finishes = new Finishes((id) => this.get(id), {
    listen: async () => this.#watchOthers(),
    stop: () => this.#unwatchOthers(),
  })
  #watch: NodeJS.Timeout | undefined
  readonly ops: LeaseOps

  constructor(state: StateDatabase, settings: EmbeddedSettings) {
    this.#state = state
    this.#db = state.db
    this.#turn = state.turn
    this.#settings = settings
    this.#sql = prepareStatements(this.#db)
    // Every transaction of the shared connection claims for this queue's idle processors.
    this.#unhook = this.#turn.hook({
      before: () => this.#claimForProcessors(),
      after: (committed) => {
        for (const processor of this.#processors) processor.started(committed)
        if (this.#ended.size > 0) {
          const ended = [...this.#ended]
          this.#ended.clear()
          if (committed) void this.#finishes.check(ended)
        }
      },
    })
    this.ops = {
      heartbeatMs: Math.max(10, Math.floor(settings.leaseMs / 3)),
      heartbeat: (id, token) => this.heartbeat(id, token),
      complete: (id, token, result) => this.complete(id, token, result),
      fail: (id, token, error, options) => this.fail(id, token, error, options),
      release: (id, token) =>
        this.#write(() => this.#sql.release.run({ id, token, now: Date.now() }).changes === 1),
      progress: (job, value) => this.#reportProgress(job.id, job.token, job.queue, job.name, value),
    }
  }

  ready(): Promise<void> {
    return this.#closed ? Promise.reject(closedError(this.kind)) : Promise.resolve()
  }

  enqueue(job: NewJob): Promise<JobReceipt> {
    return this.enqueueMany([job]).then((receipts) => receipts[0] as JobReceipt)
  }

  async enqueueMany(jobs: readonly NewJob[]): Promise<JobReceipt[]> {
    const rows = jobs.map((job) => {
      const normal = normalizeJob(job)
      return { normal, params: paramsJson(normal) }
    })
    return await this.#write(() => {
      const now = Date.now()
      this.#inserted = true
      return rows.map(({ normal, params }) => {
        const { lastInsertRowid } = this.#sql.insert.run({
          name: normal.name,
          queue: normal.queue,
          params,
          priority: normal.priority,
          attempts: normal.attempts,
          backoffKind: normal.backoff.kind,
          backoffMs: normal.backoff.delay,
          timeoutMs: normal.timeoutMs,
          runAt: now + normal.delayMs,
          now,
        })
        return { id: String(lastInsertRowid), queue: normal.queue }
      })
    })
  }

  process(handler: JobHandler, options: ProcessOptions = {}): Processor {
    this.#open()
    const processor = new EmbeddedProcessor(handler, options, {
      ops: this.ops,
      lazy: {
        complete: (id, token, result) => this.complete(id, token, result, 'lazy'),
        fail: (id, token, error, failOptions) => this.fail(id, token, error, failOptions, 'lazy'),
      },
      wake: () => this.#turn.request(),
      started: (id, token, durable) => {
        const now = Date.now()
        const mark = () => this.#sql.started.run({ id, token, now }).changes === 1
        return this.#write(mark, durable ? 'now' : 'lazy')
      },
      remove: (stopped) => {
        this.#processors.delete(stopped)
        if (this.#processors.size === 0) this.#stopPolling()
      },
    })
    this.#processors.add(processor)
    this.#anyPaused = this.#sql.anyPaused.get() === 1
    this.#startPolling()
    this.#turn.request()
    return processor
  }

  heartbeat(id: string, token: string): Promise<boolean> {
    return this.#write(
      () =>
        this.#sql.heartbeat.run({ id, token, leaseUntil: Date.now() + this.#settings.leaseMs }).changes === 1,
    )
  }

  complete(id: string, token: string, result?: unknown, urgency: WriteUrgency = 'now'): Promise<boolean> {
    const json = result === undefined ? null : JSON.stringify(result)
    return this.#write(
      () =>
        this.#endedIf(id, this.#sql.complete.run({ id, token, result: json, now: Date.now() }).changes === 1),
      urgency,
    )
  }

  fail(
    id: string,
    token: string,
    error: SerializedError,
    options: { permanent?: boolean } = {},
    urgency: WriteUrgency = 'now',
  ): Promise<Settlement | undefined> {
    const json = JSON.stringify(error)
    return this.#write((): Settlement | undefined => {
      const row = this.#sql.held.get({ id, token }) as JobRow | undefined
      if (!row) return undefined
      const now = Date.now()
      if (!options.permanent && row.attempt < row.max_attempts) {
        const runAt = now + retryDelayMs({ kind: row.backoff_kind, delay: row.backoff_ms }, row.attempt)
        this.#sql.retryLater.run({ id, token, runAt, error: json })
        return { outcome: 'retrying', error, runAt: iso(runAt) as string }
      }
      this.#sql.failForGood.run({ id, token, now, error: json })
      this.#ended.add(id)
      return { outcome: 'failed', error }
    }, urgency)
  }

  get(id: string): Promise<QueueJob | undefined> {
    return this.#read(() => {
      const row = this.#sql.get.get(id) as JobRow | undefined
      return row && toJob(row)
    })
  }

  list(query: JobQuery = {}): Promise<QueueJob[]> {
    return this.#read(() => {
      const { limit, offset, newest } = pageOf(query)
      const statement = newest ? this.#sql.listNewest : this.#sql.list
      const rows = statement.all({ ...matching(query), limit, offset }) as JobRow[]
      return rows.map(toJob)
    })
  }

  count(filter: JobFilter = {}): Promise<number> {
    return this.#read(() => {
      checkStatus(filter.status)
      return this.#sql.count.get(matching(filter)) as number
    })
  }

  stats(queue: string): Promise<QueueStats> {
    return this.#read(() => {
      const counts = this.#sql.counts.all(queue) as { status: JobStatus; count: number }[]
      return statsOf(queue, counts, this.#sql.isPaused.get(queue) === 1)
    })
  }

  queues(): Promise<QueueStats[]> {
    return this.#read(() => {
      const byQueue = new Map<string, QueueStats>()
      const entry = (queue: string) => {
        const stats = byQueue.get(queue) ?? emptyStats(queue)
        byQueue.set(queue, stats)
        return stats
      }
      for (const queue of this.#sql.paused.all() as string[]) entry(queue).paused = true
      const rows = this.#sql.allCounts.all() as { queue: string; status: JobStatus; count: number }[]
      for (const { queue, status, count } of rows) entry(queue)[status] = count
      return [...byQueue.values()].sort((a, b) => a.queue.localeCompare(b.queue))
    })
  }

  cancel(id: string): Promise<boolean> {
    return this.#read(() => this.#sql.cancel.run({ id, now: Date.now() }).changes === 1).then((cancelled) => {
      if (cancelled) void this.#finishes.check([id])
      return cancelled
    })
  }

  finished(id: string, options?: FinishOptions): Promise<QueueJob> {
    if (this.#closed) return Promise.reject(closedError(this.kind))
    return this.#finishes.wait(id, options)
  }

  retry(id: string): Promise<boolean> {
    return this.#read(() => {
      const changed = this.#sql.retry.run({ id, now: Date.now() }).changes === 1
      if (changed) this.#wakeAll()
      return changed
    })
  }

  remove(id: string): Promise<boolean> {
    return this.#read(() => this.#sql.remove.run({ id }).changes === 1).then((removed) => {
      if (removed) void this.#finishes.check([id])
      return removed
    })
  }

  purge(queue: string, status?: JobStatus): Promise<number> {
    return this.#read(
      () =>
        (status === undefined ? this.#sql.purge.run({ queue }) : this.#sql.purgeStatus.run({ queue, status }))
          .changes,
    ).then((purged) => {
      if (purged > 0) void this.#finishes.check()
      return purged
    })
  }

  pause(queue: string): Promise<void> {
    return this.#read(() => {
      this.#sql.pause.run(queue, Date.now())
      this.#anyPaused = true
    })
  }

  resume(queue: string): Promise<void> {
    return this.#read(() => {
      this.#sql.resume.run(queue)
      this.#wakeAll()
    })
  }

  async onChange(listener: () => void): Promise<() => void> {
    this.#open()
    this.#changeListeners.add(listener)
    if (!this.#changeWatch) {
      // data_version counts other connections' commits, total_changes() this process's shared one.
      const changes = this.#db.prepare('SELECT total_changes()').pluck()
      const mark = () => `${this.#dataVersion()} ${changes.get() as number}`
      let version = mark()
      this.#changeWatch = setInterval(() => {
        try {
          const next = mark()
          if (next === version) return
          version = next
        } catch (error) {
          this.#report(error as Error)
          return
        }
        for (const heard of [...this.#changeListeners]) {
          try {
            heard()
          } catch (error) {
            this.#report(error as Error)
          }
        }
      }, CHANGE_MS).unref()
    }
    return () => {
      this.#changeListeners.delete(listener)
      if (this.#changeListeners.size === 0) this.#stopChangeWatch()
    }
  }

  #stopChangeWatch(): void {
    clearInterval(this.#changeWatch)
    this.#changeWatch = undefined
  }

  onProgress(listener: ProgressListener): () => void {
    this.#progress.add(listener)
    return () => this.#progress.delete(listener)
  }

  async close(): Promise<void> {
    if (this.#closed) return
    await Promise.all([...this.#processors].map((processor) => processor.stop(0)))
    this.#closed = true
    this.#finishes.close(closedError(this.kind))
    this.#stopPolling()
    this.#stopChangeWatch()
    this.#changeListeners.clear()
    this.#turn.flush()
    this.#unhook()
    this.#state.release()
  }

  #reportProgress(id: string, token: string, queue: string, name: string, progress: unknown): Promise<void> {
    const json = JSON.stringify(progress ?? null)
    return this.#write(() => this.#sql.progress.run({ id, token, progress: json }).changes === 1).then(
      (held) => {
        if (!held) return
        for (const listener of this.#progress) listener({ id, queue, name, progress })
      },
    )
  }

  /** Inside each write transaction: claims for the processors that have free slots. */
  #claimForProcessors(): void {
    if (this.#inserted) {
      this.#inserted = false
      this.#wakeAll()
    }
    const now = Date.now()
    for (const processor of this.#processors) {
      processor.claimWith((limit, queues) => {
        const args = {
          now,
          leaseUntil: now + this.#settings.leaseMs,
          worker: this.#worker,
          limit,
          ...(queues && { queues: JSON.stringify(queues) }),
        }
        const filter = { queues: queues !== undefined, paused: this.#anyPaused }
        if (limit > ONE_BY_ONE)
          return (this.#claim({ ...filter, many: true }).all(args) as ClaimedRow[]).sort(byPriority)
        // Each claim takes the best ready job, so one at a time keeps the order.
        const one = this.#claim({ ...filter, many: false })
        const rows: ClaimedRow[] = []
        for (let row: ClaimedRow | undefined; rows.length < limit; rows.push(row)) {
          row = one.get(args) as ClaimedRow | undefined
          if (!row) break
        }
        return rows
      })
    }
  }

  /** The claim statement for `filter`, prepared on first use. */
  #claim(filter: ClaimFilter): Database.Statement {
    const key = `${filter.many}:${filter.queues}:${filter.paused}`
    let statement = this.#claims.get(key)
    if (!statement) {
      statement = this.#db.prepare(claimSql(filter))
      this.#claims.set(key, statement)
    }
    return statement
  }

  #wakeAll(): void {
    for (const processor of this.#processors) processor.wake()
  }

  #startPolling(): void {
    if (this.#poll) return
    this.#poll = setInterval(() => this.#pollOnce(), this.#settings.pollMs)
  }

  #stopPolling(): void {
    clearInterval(this.#poll)
    this.#poll = undefined
  }

  /** While processors are idle: wake them when a job another process wrote (or a delay) is due. */
  #pollOnce(): void {
    try {
      const now = Date.now()
      this.#anyPaused = this.#sql.anyPaused.get() === 1
      if (now >= this.#nextReap) {
        this.#nextReap = now + Math.max(this.#settings.pollMs, Math.floor(this.#settings.leaseMs / 2))
        const held = JSON.stringify([...this.#processors].flatMap((processor) => processor.holding()))
        void this.#write(() => this.#sql.reap.all({ now, held }) as JobRow[]).then(
          (rows) => this.#takenBack(rows),
          (error: Error) => this.#report(error),
        )
      }
      for (const processor of this.#processors) {
        if (processor.wants > 0) this.#turn.request()
        if (!processor.idle) continue
        const queues = processor.queues
        const ready = this.#sql.anyReady.get({
          now,
          all: queues === undefined ? 1 : 0,
          queues: JSON.stringify(queues ?? []),
        })
        if (ready === 1) processor.wake()
      }
    } catch (error) {
      this.#report(error as Error)
    }
  }

  #endedIf(id: string, ended: boolean): boolean {
    if (ended) this.#ended.add(id)
    return ended
  }

  /**
   * While someone waits for a job to end: other processes' commits change SQLite's `data_version` (one
   * pragma every {@link WATCH_MS}, no rows read), and then the waited jobs are read again. Every
   * {@link RECHECK_MS} they are read anyway: another adapter on this process's connection (which
   * `data_version` does not count) may have cancelled or purged them.
   */
  #watchOthers(): void {
    if (this.#watch) return
    let version = this.#dataVersion()
    let recheckAt = Date.now() + RECHECK_MS
    this.#watch = setInterval(() => {
      try {
        const now = Date.now()
        const next = this.#dataVersion()
        if (next === version && now < recheckAt) return
        version = next
        recheckAt = now + RECHECK_MS
        void this.#finishes.check()
      } catch (error) {
        this.#report(error as Error)
      }
    }, WATCH_MS)
  }

  #unwatchOthers(): void {
    clearInterval(this.#watch)
    this.#watch = undefined
  }

  #dataVersion(): number {
    return this.#db.pragma('data_version', { simple: true }) as number
  }

  #takenBack(rows: JobRow[]): void {
    for (const row of rows) if (row.status === 'failed') void this.#finishes.check([String(row.id)])
    if (rows.length > 0) this.#wakeAll()
    // A job held but never started lost no attempt: nothing to record.
    for (const row of rows.filter((taken) => taken.started_at !== null)) {
      const job = toJob(row)
      const processor = [...this.#processors].find((candidate) => candidate.serves(job.queue))
      void processor?.lost(job, row.attempt)
    }
  }

  readonly #report = warnOnce(this.kind)

  #open(): void {
    if (this.#closed) throw closedError(this.kind)
  }

  #write<T>(write: () => T, urgency: WriteUrgency = 'now'): Promise<T> {
    if (this.#closed) return Promise.reject(closedError(this.kind))
    return this.#turn.write(write, urgency)
  }

  #read<T>(read: () => T): Promise<T> {
    if (this.#closed) return Promise.reject(closedError(this.kind))
    try {
      return Promise.resolve(read())
    } catch (error) {
      if (QuantumError.is(error)) return Promise.reject(error)
      return Promise.reject(
        queueError(`Embedded queue operation failed: ${(error as Error).message}`, {}, error),
      )
    }
  }
}

/** The bindings of a list or count's filters (`MATCHES` in statements.ts). */
function matching(filter: JobFilter): { queue: string | null; status: string | null; name: string | null } {
  return { queue: filter.queue ?? null, status: filter.status ?? null, name: filter.name ?? null }
}
