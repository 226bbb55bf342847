import type { JobHandler, ProcessOptions, Processor, QueueJob, Settlement } from '../contract'
import { Ahead } from '../internal/ahead'
import { type Attempt, type LeaseOps, startAttempt } from '../internal/attempt'
import { HeldJobs } from '../internal/held'
import { markStarted } from '../internal/markedStart'
import { type ClaimedRow, claimedJob } from './rows'

/** A claimed job waiting for a slot; `lapsed` when a lease on it lapsed before it ever started. */
interface WaitingJob {
  job: QueueJob
  lapsed: boolean
}

/** What a processor asks of its embedded queue. */
export interface ProcessorHost {
  readonly ops: LeaseOps
  /** Completion and failure that join the next transaction (within a few ms) instead of asking for one. */
  readonly lazy: Pick<LeaseOps, 'complete' | 'fail'>
  /** Ask for a write transaction soon (this processor has free slots). */
  wake(): void
  /**
   * Record that a claimed job started: from now on it spent its attempt. With the next transaction, or in
   * one of its own when `durable`; answers whether the attempt still holds the job.
   */
  started(id: string, token: string, durable: boolean): Promise<boolean>
  /** Forget this processor (it stopped). */
  remove(processor: EmbeddedProcessor): void
}

/**
 * One `process()` loop of the embedded queue. It never queries on its own: the queue's write
 * transactions claim for it (inside the same transaction as the completions that freed its slots),
 * and its poll or a local enqueue wakes it when it sits idle.
 */
export class EmbeddedProcessor implements Processor {
  readonly queues: readonly string[] | undefined
  readonly #concurrency: number
  readonly #handler: JobHandler
  readonly #options: ProcessOptions
  readonly #host: ProcessorHost
  /** Attempts whose handler still runs (each holds a slot). */
  readonly #attempts = new Map<string, Attempt>()
  /** The ids of the jobs whose attempt started here and is not yet recorded (running, or being written). */
  readonly #live = new Set<number>()
  /** Attempts being recorded, and their `settled` callbacks. */
  readonly #settling = new Set<Promise<void>>()
  /** Rows claimed in the transaction now running; started once it commits. */
  #claimed: ClaimedRow[] = []
  /**
   * Claimed jobs waiting for a slot (see {@link ahead}): one starts the moment a slot frees, while the
   * transaction that records the finished job and claims the next runs. A stopping processor hands them back.
   */
  readonly #waiting: HeldJobs<WaitingJob>
  readonly #ahead: Ahead
  /** Whether a claim may find work: false after a claim came back short, until something wakes it. */
  #hungry = true
  #stopping = false
  readonly #idleWaiters: (() => void)[] = []

  constructor(handler: JobHandler, options: ProcessOptions, host: ProcessorHost) {
    this.#handler = handler
    this.#options = options
    this.#host = host
    this.queues = options.queues ? [...options.queues] : undefined
    this.#concurrency = Math.max(1, Math.trunc(options.concurrency ?? 1))
    this.#ahead = new Ahead(this.#concurrency)
    this.#waiting = new HeldJobs(
      host.ops,
      host.ops.heartbeatMs,
      () => {},
      (error) => this.#report(error),
    )
  }

  get running(): number {
    return this.#attempts.size
  }

  /** How many jobs the next transaction should claim for this processor. */
  get wants(): number {
    if (this.#stopping || !this.#hungry) return 0
    return this.#concurrency + this.ahead - this.#held
  }

  /** How many claimed jobs it holds beyond its concurrency (see {@link Ahead}). */
  get ahead(): number {
    return this.#ahead.jobs
  }

  /** Jobs this processor holds a lease on: running, just claimed, or waiting for a slot. */
  get #held(): number {
    return this.#attempts.size + this.#claimed.length + this.#waiting.size
  }

  /** Whether it has free slots but its last claim came back short: only a wake makes it claim again. */
  get idle(): boolean {
    return !this.#stopping && !this.#hungry && this.#held < this.#concurrency + this.ahead
  }

  /** Something may be ready (an enqueue, a poll that saw a change): claim in the next transaction. */
  wake(): void {
    if (this.#stopping || this.#hungry) return
    this.#hungry = true
    if (this.wants > 0) this.#host.wake()
  }

  /** Inside a transaction: take `claim(wants)` rows; after it commits, {@link started} starts them. */
  claimWith(claim: (limit: number, queues: readonly string[] | undefined) => ClaimedRow[]): void {
    const wants = this.wants
    if (wants <= 0) return
    const rows = claim(wants, this.queues)
    if (rows.length < wants) this.#hungry = false
    this.#claimed.push(...rows)
  }

  /** After the transaction: start what it claimed, or forget it when the transaction rolled back. */
  started(committed: boolean): void {
    const rows = this.#claimed
    this.#claimed = []
    if (!committed) {
      this.#hungry = true
      return
    }
    for (const row of rows) {
      const job = claimedJob(row)
      this.#waiting.add({ job, lapsed: row.lapses > 0 }, job.id, String(row.token), job.priority)
    }
    this.#fill()
  }

  /** Starts waiting jobs in the free slots. */
  #fill(): void {
    while (this.#attempts.size < this.#concurrency && this.#waiting.size > 0) {
      const { job, token } = this.#waiting.next() as { job: WaitingJob; token: string }
      this.#start(job, token)
    }
  }

  #start({ job: claimed, lapsed }: WaitingJob, token: string): void {
    const { ops, lazy } = this.#host
    const job = { ...claimed, startedAt: new Date().toISOString() }
    const handler = markStarted(
      this.#handler,
      lapsed,
      (durable) => this.#host.started(job.id, token, durable),
      (error) => this.#report(error),
    )
    // A slot frees when the handler ends, so the transaction that records the end claims the next job.
    // When a waiting job took the slot at once, nothing needs that transaction soon: the end is recorded
    // with the next one (another job's end, a few ms at most), so a busy processor commits once for several.
    const began = performance.now()
    const attemptOps: LeaseOps = {
      ...ops,
      complete: (id, held, result) => (this.#free(id, began) ? lazy : ops).complete(id, held, result),
      fail: (id, held, error, options) => (this.#free(id, began) ? lazy : ops).fail(id, held, error, options),
      release: (id, held) => {
        this.#free(id, began)
        return ops.release(id, held)
      },
    }
    const attempt = startAttempt(job, token, handler, attemptOps, (error) => this.#report(error))
    this.#attempts.set(job.id, attempt)
    this.#live.add(Number(job.id))
    void attempt.done.then(
      () => this.#live.delete(Number(job.id)),
      () => this.#live.delete(Number(job.id)),
    )
    const settling = attempt.done.then(
      (settlement) => this.#settled(attempt, settlement),
      (error: Error) => {
        this.#free(job.id, began)
        this.#report(error)
      },
    )
    this.#settling.add(settling)
    void settling.finally(() => this.#settling.delete(settling))
  }

  /**
   * Frees the attempt's slot for a waiting job, and asks for a claim when none was waiting or the jobs held
   * ahead run low; true when a waiting job took the slot.
   */
  #free(id: string, began: number): boolean {
    if (!this.#attempts.delete(id)) return false
    this.#ahead.ran(performance.now() - began)
    const refilled = this.#waiting.size > 0
    this.#fill()
    this.#hungry = true
    const low = this.#waiting.size < Math.floor(this.ahead / 2)
    if ((!refilled || low) && this.wants > 0) this.#host.wake()
    if (this.#attempts.size === 0) for (const waiter of this.#idleWaiters.splice(0)) waiter()
    return refilled
  }

  async #settled(attempt: Attempt, settlement: Settlement): Promise<void> {
    if (settlement.outcome === 'refused' && settlement.error === null) return // handed back at stop
    try {
      await this.#options.settled?.(attempt.job, settlement)
    } catch (error) {
      this.#report(error as Error)
    }
  }

  /** The ids of the jobs this processor still runs or records: its own reaper leaves them alone. */
  holding(): number[] {
    return [...this.#live]
  }

  /** A job this processor's queues lost to a dead worker. */
  async lost(job: QueueJob, attempt: number): Promise<void> {
    try {
      await this.#options.lost?.(job, attempt)
    } catch (error) {
      this.#report(error as Error)
    }
  }

  serves(queue: string): boolean {
    return this.queues === undefined || this.queues.includes(queue)
  }

  #report(error: Error): void {
    if (this.#options.onError) this.#options.onError(error)
    else process.emitWarning(error)
  }

  async stop(graceMs = 10_000): Promise<void> {
    this.#stopping = true
    const handedBack = this.#waiting.handBack()
    if (this.#attempts.size > 0) {
      let timer: NodeJS.Timeout | undefined
      await Promise.race([
        new Promise<void>((resolve) => this.#idleWaiters.push(resolve)),
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, graceMs)
        }),
      ])
      clearTimeout(timer)
      const left = [...this.#attempts.values()]
      for (const attempt of left) attempt.handBack('the processor stopped before the job finished')
    }
    await Promise.allSettled([...this.#settling, ...handedBack])
    this.#host.remove(this)
  }
}
