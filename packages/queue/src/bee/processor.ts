import type BeeQueue from 'bee-queue'
import type { JobHandler, ProcessOptions, Processor, QueueJob, Settlement } from '../contract'
import { Ahead } from '../internal/ahead'
import { type Attempt, type LeaseOps, startAttempt } from '../internal/attempt'
import { retryDelayMs } from '../internal/backoff'
import { leaseLost, serializeError } from '../internal/errors'
import { HeldJobs } from '../internal/held'
import { markStarted } from '../internal/markedStart'
import type { BeeAdapter } from './beeQueue'
import { command, pipeline } from './client'
import type { BeeJobData } from './jobData'
import { type JobAddress, jobId } from './keys'

/** A job a take leased to this processor, waiting for a slot. */
interface HeldJob {
  address: JobAddress
  data: BeeJobData
  attempt: number
  /** A lease on it lapsed before it ever started: its start mark is written before its body runs. */
  lapsed: boolean
}

/** One band this processor drains: a queue's priority, with the bee-queue that activates its delayed jobs. */
interface Band {
  queue: string
  band: number
  bee: BeeQueue
}

/** The first wait before looking again for jobs when none were there; it doubles up to `pollMs`. */
const FIRST_POLL_MS = 5

/**
 * One `process()` of the bee adapter. Jobs stay bee-queue jobs: saved by bee-queue, delayed and activated
 * by it, and recovered by its stall checks (the processor runs both for every band it drains). But the
 * processor takes them itself: one script call takes as many jobs as there are free slots, highest band
 * first over every queue and band it serves, moving each to bee-queue's active list and starting its
 * attempt (fenced by a token) in the same call; one script call per job completes or fails it and
 * finishes the bee-queue job. An attempt's heartbeat keeps its lease and holds off the stall check.
 * A few jobs beyond the concurrency are held ahead, leased and renewed but not started, so a freed slot
 * starts the next job at once instead of after a round trip to Redis; `stop()` hands them back. A job is
 * marked started as it leaves the hold (the mark rides with the next script call).
 */
export class BeeProcessor implements Processor {
  readonly #adapter: BeeAdapter
  readonly #handler: JobHandler
  readonly #options: ProcessOptions
  readonly #concurrency: number
  /** How often leases (running and held jobs) are renewed: three times per bee-queue stall interval. */
  readonly #heartbeatMs: number
  /** How many jobs wait here beyond the concurrency, taken and held. */
  readonly #ahead: Ahead
  readonly #held: HeldJobs<HeldJob>
  readonly #bands = new Map<string, Band>()
  readonly #attempts = new Set<Attempt>()
  readonly #handling = new Set<Promise<unknown>>()
  readonly #onStop: () => void
  readonly #timer: NodeJS.Timeout
  /** What the next take asks for: the open bands, highest first, and their keys and arguments. */
  #take: { bands: Band[]; keys: string[]; args: string[] } = { bands: [], keys: [], args: [] }
  #paused: ReadonlySet<string> = new Set()
  /** Places taken: attempts running, jobs held or being claimed, and the jobs a take in flight may bring. */
  #used = 0
  /** Slots of attempts running (a slot frees as soon as its completion is on its way). */
  #active = 0
  #pumping = false
  #poll: NodeJS.Timeout | undefined
  #pollMs = FIRST_POLL_MS
  #discovering: Promise<void> | undefined
  #stopping = false

  constructor(adapter: BeeAdapter, handler: JobHandler, options: ProcessOptions, onStop: () => void) {
    this.#adapter = adapter
    this.#handler = handler
    this.#options = options
    this.#onStop = onStop
    this.#concurrency = Math.max(1, Math.trunc(options.concurrency ?? 1))
    this.#heartbeatMs = Math.max(10, Math.floor(adapter.settings.stallIntervalMs / 3))
    this.#ahead = new Ahead(this.#concurrency)
    this.#held = new HeldJobs(
      adapter,
      this.#heartbeatMs,
      () => this.#free(),
      (error) => this.#report(error),
    )
    this.#timer = setInterval(() => this.discover(), adapter.settings.pollMs)
    this.discover()
  }

  get running(): number {
    return this.#attempts.size
  }

  /** Opens the bands that appeared, reads which queues are paused, then looks for jobs. */
  discover(): void {
    if (this.#stopping) return
    this.#discovering ??= this.#discover()
      .catch((error: Error) => this.#report(error))
      .finally(() => {
        this.#discovering = undefined
        this.wake()
      })
  }

  async #discover(): Promise<void> {
    const { client, keys } = this.#adapter
    const queues = this.#options.queues ?? (await command<string[]>(client, 'smembers', [keys.queues]))
    const replies = (await pipeline(client, [
      ['smembers', keys.paused],
      ...queues.map((queue) => ['smembers', keys.bands(queue)]),
    ])) as string[][]
    if (this.#stopping) return
    this.#paused = new Set(replies[0])
    for (const [i, queue] of queues.entries()) {
      for (const band of (replies[i + 1] ?? []).map(Number)) {
        const name = keys.band(queue, band)
        if (!this.#bands.has(name)) this.#bands.set(name, { queue, band, bee: this.#open(queue, band) })
      }
    }
    const open = [...this.#bands.values()]
      .filter(({ queue }) => !this.#paused.has(queue))
      .sort((a, b) => b.band - a.band || (a.queue < b.queue ? -1 : a.queue > b.queue ? 1 : 0))
    this.#take = { bands: open, ...this.#adapter.takeArguments(open) }
  }

  #open(queue: string, band: number): BeeQueue {
    const bee = this.#adapter.openBand(queue, band, true)
    bee.on('error', (error: Error) => this.#report(error))
    // Jobs back in line (stalled, or delayed and now due) are taken at once.
    const events = bee as unknown as NodeJS.EventEmitter
    events.on('stalled', () => this.wake())
    events.on('raised jobs', () => this.wake())
    void bee.ready().then(
      () => {
        if (this.#stopping) return
        activateDelayed(bee)
        void bee
          .checkStalledJobs(this.#adapter.settings.stallIntervalMs)
          .catch((error: Error) => this.#report(error))
      },
      (error: Error) => this.#report(error),
    )
    return bee
  }

  /** Looks for jobs now, if a slot is free. */
  wake(): void {
    if (this.#poll) {
      clearTimeout(this.#poll)
      this.#poll = undefined
    }
    this.#pollMs = FIRST_POLL_MS
    this.#pump()
  }

  /**
   * Takes as many jobs as there are free places (free slots plus the jobs held ahead), in one call, once
   * per turn (the places freed in one turn share it). Takes do not wait for each other: each reserves the
   * places it asks for, and Redis answers them in order. When the bands ran dry, looks again later.
   */
  #pump(): void {
    if (this.#stopping || this.#pumping) return
    this.#pumping = true
    this.#adapter.turn.beforeWrite(() => {
      this.#pumping = false
      this.#takeNow()
    })
  }

  #takeNow(): void {
    const free = this.#concurrency + this.#ahead.jobs - this.#used
    if (this.#stopping || free <= 0 || this.#take.bands.length === 0) return
    this.#used += free
    const { bands, keys, args } = this.#take
    const taking = this.#adapter.take(keys, args, free).then(
      (rows) => {
        this.#used -= free - rows.length
        for (const [index, beeId, stored, token, attempt, lapses] of rows) {
          const band = bands[index] as Band
          try {
            this.#start({ queue: band.queue, band: band.band, beeId }, stored, token, attempt, lapses > 0)
          } catch (error) {
            // Unreadable job data: it stays active without a heartbeat, and the stall check has it.
            this.#used--
            this.#report(error as Error)
          }
        }
        this.#fill()
        if (rows.length > 0) this.#pollMs = FIRST_POLL_MS
        if (rows.length < free) this.#idle()
      },
      (error: Error) => {
        this.#used -= free
        this.#report(error)
        this.#idle()
      },
    )
    this.#track(taking)
  }

  /** Nothing to take: look again after a wait that doubles up to `pollMs` (enqueues here wake it at once). */
  #idle(): void {
    if (this.#stopping || this.#poll) return
    const ms = this.#pollMs
    this.#pollMs = Math.min(this.#adapter.settings.pollMs, ms * 2)
    this.#poll = setTimeout(() => {
      this.#poll = undefined
      this.#pump()
    }, ms)
  }

  #start(address: JobAddress, stored: string, token: string, attempt: number, lapsed: boolean): void {
    const data = (JSON.parse(stored) as { data: BeeJobData }).data
    if (this.#stopping) {
      // Taken while stopping: straight back in line, attempt not counted.
      const back = token ? this.#adapter.release(jobId(address), token) : this.#adapter.requeue(address)
      this.#track(back.catch((error: Error) => this.#report(error)).finally(() => this.#used--))
      return
    }
    if (token) this.#hold({ address, data, attempt, lapsed }, token)
    else this.#track(this.#claim(address, data))
  }

  /** Starts held jobs in the free slots, at once: the take that refills the hold goes to Redis meanwhile. */
  #fill(): void {
    while (!this.#stopping && this.#active < this.#concurrency && this.#held.size > 0) {
      const { job, token } = this.#held.next() as { job: HeldJob; token: string }
      this.#run(this.#job(job.address, job.data, job.attempt), job.data, token, job.lapsed)
    }
  }

  /** Holds a leased job until a slot frees (its lease, and bee-queue's stall guard, renewed meanwhile). */
  #hold(job: HeldJob, token: string): void {
    this.#held.add(job, jobId(job.address), token, job.address.band)
  }

  /**
   * A job whose state the take left alone: the full claim decides. While another attempt's lease lives it
   * waits (holding a place, and keeping bee-queue's stall check off the job) for that attempt to end or die.
   */
  async #claim(address: JobAddress, data: BeeJobData): Promise<void> {
    let held = false
    try {
      for (;;) {
        const claim = await this.#adapter.claim(address, data.a, false)
        if (claim.kind === 'done') {
          await this.#adapter.drop(address, false)
          return
        }
        if (claim.kind === 'held') {
          if (this.#stopping) {
            await this.#adapter.requeue(address)
            return
          }
          await this.#adapter.preventStall(address)
          await new Promise((resolve) => setTimeout(resolve, this.#adapter.settings.stallIntervalMs / 3))
          continue
        }
        const job = this.#job(address, data, claim.kind === 'claimed' ? claim.attempt : claim.lost)
        if (claim.lost > 0) await this.#lost(job, claim.lost)
        if (claim.kind === 'exhausted') {
          await this.#adapter.drop(address, true)
          return
        }
        if (this.#stopping) {
          await this.#adapter.release(job.id, claim.token)
          return
        }
        held = true
        this.#hold({ address, data, attempt: job.attempt, lapsed: claim.lapses > 0 }, claim.token)
        this.#fill()
        return
      }
    } catch (error) {
      this.#report(error as Error)
    } finally {
      if (!held) this.#free()
    }
  }

  /**
   * Runs one attempt; its slot frees as soon as its completion or failure is on its way. A held job takes
   * the slot at once; the take that refills the hold goes only when it runs low.
   */
  #run(job: QueueJob, data: BeeJobData, token: string, lapsed: boolean): void {
    this.#active++
    const handler = markStarted(
      this.#handler,
      lapsed,
      (durable) => this.#adapter.markStarted(job.id, token, !durable),
      (error) => this.#report(error),
    )
    const startedAt = performance.now()
    let freed = false
    /** Frees the slot; true when a held job took it (nothing waits on this job's completion then). */
    const free = (): boolean => {
      if (freed) return false
      freed = true
      this.#ahead.ran(performance.now() - startedAt)
      this.#active--
      this.#used--
      const refilled = this.#held.size > 0
      this.#fill()
      if (this.#held.size < Math.ceil(this.#ahead.jobs / 2)) this.#pump()
      return refilled
    }
    const ops = this.#ops(data, job.attempt, free)
    const running = startAttempt(job, token, handler, ops, (error) => this.#report(error))
    this.#attempts.add(running)
    this.#track(
      running.done.then(
        async (settlement) => {
          this.#attempts.delete(running)
          free()
          // Handed back: not an attempt.
          if (settlement.outcome === 'refused' && settlement.error === null) return
          await this.#settled(running.job, settlement)
        },
        (error: Error) => {
          // Unknown whether the end was recorded (the connection dropped): if not, the job stays active
          // without a heartbeat, and bee-queue's stall check puts it back in line.
          this.#attempts.delete(running)
          free()
          this.#report(error)
        },
      ),
    )
  }

  /** A place freed: a held job takes the slot at once, and the next take (this turn) refills the hold. */
  #free(): void {
    this.#used--
    this.#fill()
    this.#pump()
  }

  #ops(data: BeeJobData, attempt: number, free: () => boolean): LeaseOps {
    const adapter = this.#adapter
    return {
      heartbeatMs: this.#heartbeatMs,
      heartbeat: (id, token) => adapter.heartbeat(id, token),
      complete: (id, token, result) => adapter.completeLazily(id, token, result, free()),
      fail: (id, token, error, { permanent }) => {
        const recorded = adapter.failAttempt(
          id,
          token,
          error,
          !permanent && attempt < data.a ? Date.now() + retryDelayMs(data.b, attempt) : null,
        )
        free()
        return recorded
      },
      release: (id, token) => adapter.release(id, token),
      progress: (job, value) => adapter.reportProgress(job.id, job.token, value),
    }
  }

  #track<T>(promise: Promise<T>): Promise<T> {
    this.#handling.add(promise)
    void promise.finally(() => this.#handling.delete(promise)).catch(() => {})
    return promise
  }

  #job(address: JobAddress, data: BeeJobData, attempt: number): QueueJob {
    const now = new Date().toISOString()
    return {
      id: jobId(address),
      name: data.n,
      queue: address.queue,
      params: data.p,
      status: 'running',
      priority: address.band,
      attempt,
      maxAttempts: data.a,
      backoff: data.b,
      timeoutMs: data.t,
      runAt: null,
      createdAt: new Date(data.c).toISOString(),
      startedAt: now,
      completedAt: null,
      error: null,
      result: null,
      progress: null,
    }
  }

  async #settled(job: Attempt['job'], settlement: Settlement): Promise<void> {
    try {
      await this.#options.settled?.(job, settlement)
    } catch (error) {
      this.#report(error as Error)
    }
  }

  async #lost(job: QueueJob, attempt: number): Promise<void> {
    try {
      await this.#options.lost?.(
        { ...job, error: serializeError(leaseLost(job.id, 'its worker died')) },
        attempt,
      )
    } catch (error) {
      this.#report(error as Error)
    }
  }

  #report(error: Error): void {
    if (this.#options.onError) this.#options.onError(error)
    else this.#adapter.report(error)
  }

  async stop(graceMs = 10_000): Promise<void> {
    if (this.#stopping) return
    this.#stopping = true
    clearInterval(this.#timer)
    if (this.#poll) clearTimeout(this.#poll)
    const handedBack = this.#held.handBack()
    this.#used -= handedBack.length
    for (const back of handedBack) this.#track(back)
    const deadline = Date.now() + graceMs
    while (this.#attempts.size > 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20))
    for (const attempt of this.#attempts) attempt.handBack('the processor stopped before the job finished')
    await this.#discovering
    while (this.#handling.size > 0) await Promise.allSettled([...this.#handling])
    await Promise.all([...this.#bands.values()].map(({ bee }) => bee.close().catch(() => {})))
    this.#onStop()
  }
}

/**
 * Starts bee-queue's activation of delayed jobs, which its worker starts in `process()`: the processor's
 * bands are not bee-queue workers (it takes their jobs itself), so it starts it (bee-queue 2.0.0's own).
 */
function activateDelayed(bee: BeeQueue): void {
  const internals = bee as unknown as { _activateDelayed(): void }
  internals._activateDelayed()
}
