import type BeeQueue from 'bee-queue'
import type { ActiveJob, JobHandler, ProcessOptions, Processor, QueueJob, Settlement } from '../contract'
import { type Attempt, type LeaseOps, startAttempt } from '../internal/attempt'
import { retryDelayMs } from '../internal/backoff'
import { leaseLost, queueError, serializeError } from '../internal/errors'
import type { BeeAdapter } from './beeQueue'
import { command, pipeline } from './client'
import { Gate } from './gate'
import type { BeeJobData } from './jobData'
import { type JobAddress, jobId } from './keys'

type BeeJob = BeeQueue.Job<BeeJobData> & { quantumDelay?: number }

/** How long the gate waits for every band's first job before giving out slots. */
const SETTLE_MS = 50
/** How long closing bee-queue workers wait, past the grace period, for jobs being handed back. */
const CLOSE_MARGIN_MS = 5000

/**
 * One `process()` of the bee adapter: a bee-queue worker per queue and priority band, all sharing this
 * processor's slots through a {@link Gate} that serves the highest band first. bee-queue delivers and
 * retries jobs, detects stalled ones and activates delayed ones; the adapter's scripts fence each
 * attempt with a token and keep its lease, result and error.
 */
export class BeeProcessor implements Processor {
  readonly #adapter: BeeAdapter
  readonly #handler: JobHandler
  readonly #options: ProcessOptions
  readonly #concurrency: number
  readonly #gate: Gate
  readonly #workers = new Map<string, BeeQueue>()
  readonly #attempts = new Set<Attempt>()
  readonly #handling = new Set<Promise<unknown>>()
  readonly #onStop: () => void
  readonly #timer: NodeJS.Timeout
  #discovering: Promise<void> | undefined
  #stopping = false

  constructor(adapter: BeeAdapter, handler: JobHandler, options: ProcessOptions, onStop: () => void) {
    this.#adapter = adapter
    this.#handler = handler
    this.#options = options
    this.#onStop = onStop
    this.#concurrency = Math.max(1, Math.trunc(options.concurrency ?? 1))
    this.#gate = new Gate(this.#concurrency)
    this.#gate.holdFor(SETTLE_MS)
    this.#timer = setInterval(() => this.discover(), adapter.settings.pollMs)
    this.discover()
  }

  get running(): number {
    return this.#attempts.size
  }

  /** Opens workers for queues and bands that appeared, and reads which queues are paused. */
  discover(): void {
    if (this.#stopping) return
    this.#discovering ??= this.#discover()
      .catch((error: Error) => this.#report(error))
      .finally(() => {
        this.#discovering = undefined
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
    this.#gate.paused = new Set(replies[0])
    let opened = false
    for (const [i, queue] of queues.entries()) {
      for (const band of (replies[i + 1] ?? []).map(Number)) {
        const name = keys.band(queue, band)
        if (this.#workers.has(name)) continue
        this.#workers.set(name, this.#open(queue, band))
        opened = true
      }
    }
    if (opened) this.#gate.holdFor(SETTLE_MS)
    this.#gate.pump()
  }

  #open(queue: string, band: number): BeeQueue {
    const worker = this.#adapter.openBand(queue, band, true)
    worker.on('error', (error: Error) => this.#report(error))
    worker.backoffStrategies.set('quantum', (job) => (job as BeeJob).quantumDelay ?? 0)
    // One job more than the slots per band: the next job of a band is already here when a slot frees,
    // so the highest band keeps its turn.
    worker.process(this.#concurrency + 1, (job: BeeJob) => this.#track(this.#handle(queue, band, job)))
    void worker.checkStalledJobs(this.#adapter.settings.stallIntervalMs)
    return worker
  }

  #track<T>(promise: Promise<T>): Promise<T> {
    this.#handling.add(promise)
    void promise.finally(() => this.#handling.delete(promise)).catch(() => {})
    return promise
  }

  /** What bee-queue runs for each job it delivers. Returning completes it there; throwing retries or fails it. */
  async #handle(queue: string, band: number, beeJob: BeeJob): Promise<unknown> {
    const address: JobAddress = { queue, band, beeId: beeJob.id }
    if (!(await this.#gate.enter(queue, band))) {
      await this.#adapter.requeue(address)
      return undefined
    }
    try {
      let takeover = false
      for (;;) {
        const claim = await this.#adapter.claim(address, beeJob.data.a, takeover)
        if (claim.kind === 'done') return undefined
        if (claim.kind === 'held') {
          // Delivered again while another attempt's lease lives: wait for it to end or to die.
          if (this.#stopping) return undefined
          await new Promise((resolve) => setTimeout(resolve, this.#adapter.settings.stallIntervalMs / 3))
          continue
        }
        const job = this.#job(address, beeJob.data, claim.kind === 'claimed' ? claim.attempt : claim.lost)
        if (claim.lost > 0) await this.#lost(job, claim.lost)
        if (claim.kind === 'exhausted') {
          beeJob.options.retries = 0
          throw leaseLost(job.id, 'its last attempt stopped renewing it')
        }
        let sent: { result: unknown } | undefined
        let onSent = () => {}
        const completing = new Promise<void>((resolve) => {
          onSent = resolve
        })
        const ops = this.#ops(beeJob, claim.attempt, (result) => {
          sent = { result }
          onSent()
        })
        const attempt = startAttempt(job, claim.token, this.#handler, ops, (error) => this.#report(error))
        this.#attempts.add(attempt)
        const done = attempt.done.finally(() => this.#attempts.delete(attempt))
        const settlement = await Promise.race([done, completing])
        if (sent) {
          // The completion is on its way, ahead of bee-queue's finish on the same connection: one round trip
          // for both. How it was recorded is dealt with when the reply comes.
          this.#track(this.#afterCompletion(address, attempt.job, done))
          return sent.result
        }
        if (!settlement) throw new Error('unreachable: an attempt settles or completes')
        if (settlement.outcome === 'refused' && settlement.error === null) return undefined // handed back
        await this.#settled(attempt.job, settlement)
        if (settlement.outcome === 'refused') {
          // Another worker took the job over: wait for its attempt to end, or take it back if that one dies.
          takeover = true
          continue
        }
        if (settlement.outcome === 'completed') return settlement.result
        beeJob.options.retries = settlement.outcome === 'retrying' ? Math.max(1, beeJob.options.retries) : 0
        if (settlement.outcome === 'retrying')
          beeJob.quantumDelay = Math.max(0, Date.parse(settlement.runAt) - Date.now())
        throw queueError(settlement.error.message)
      }
    } finally {
      this.#gate.leave()
    }
  }

  /** After a completion sent without waiting: record the attempt, and repair bee-queue when it was refused. */
  async #afterCompletion(address: JobAddress, job: ActiveJob, done: Promise<Settlement>): Promise<void> {
    let settlement: Settlement
    try {
      settlement = await done
    } catch (error) {
      // Unknown whether the completion landed (the connection dropped); bee-queue has finished the job, so
      // deliver it again: its state says whether it still has to run.
      this.#report(error as Error)
      await this.#adapter.requeueAfterDoubt(address).catch((again: Error) => this.#report(again))
      return
    }
    if (settlement.outcome === 'refused') await this.#adapter.restoreActive(address)
    await this.#settled(job, settlement)
  }

  #ops(beeJob: BeeJob, attempt: number, completing: (result: unknown) => void): LeaseOps {
    const adapter = this.#adapter
    const data = beeJob.data
    return {
      heartbeatMs: Math.max(10, Math.floor(adapter.settings.stallIntervalMs / 3)),
      heartbeat: (id, token) => adapter.heartbeat(id, token),
      complete: (id, token, result) => {
        const recorded = adapter.complete(id, token, result)
        completing(result)
        return recorded
      },
      fail: (id, token, error, { permanent }) =>
        adapter.failAttempt(
          id,
          token,
          error,
          !permanent && attempt < data.a ? Date.now() + retryDelayMs(data.b, attempt) : null,
        ),
      release: (id, token) => adapter.release(id, token),
      progress: (job, value) => adapter.reportProgress(job.id, job.token, value),
    }
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

  async #settled(job: ActiveJob, settlement: Settlement): Promise<void> {
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
    this.#gate.close()
    // bee-queue stops taking jobs at once and waits for the ones it handed over (ours, below).
    const closing = [...this.#workers.values()].map((worker) =>
      worker.close(graceMs + CLOSE_MARGIN_MS).catch(() => {}),
    )
    const deadline = Date.now() + graceMs
    while (this.#attempts.size > 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20))
    for (const attempt of this.#attempts) attempt.handBack('the processor stopped before the job finished')
    await this.#discovering
    await Promise.allSettled([...this.#handling])
    await Promise.all(closing)
    this.#onStop()
  }
}
