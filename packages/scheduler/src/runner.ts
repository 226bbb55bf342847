import type { Worker } from 'node:worker_threads'
import { ErrorCodes, ScheduleError, type SerializedError } from '@quantum/ast'
import type { LogEntry } from '@quantum/runtime'
import {
  type BodyHost,
  type BodyHostChannel,
  type BodyServicesConfig,
  isBridgeMessage,
  lentServices,
  serveBodies,
} from '@quantum/runtime/services'
import Bree from 'bree'
import { liveWorkers } from './liveWorkers'
import type { FireResult, FireWorkerData, FromFireWorker, ToFireWorker } from './protocol'
import { workerFile } from './workerFile'

/** How long a body that was told to stop (timeout, shutdown) may take before its worker is ended. */
const STOP_GRACE_MS = 1_000

/** One attempt of one fire, to run in a worker. */
export interface AttemptRequest {
  schedule: string
  /** `{ body }` as JSON text. */
  payload: string
  /** Epoch ms of this process's `Date.now()`: the body's first statement runs at or after it. */
  startAt: number
  timeoutMs?: number
  /** Keep the worker warm this long after the attempt, for the schedule's next fire. @defaultValue 0 */
  keepWarmMs?: number
  onLog?: (entry: LogEntry) => void
}

/** How an attempt ended. Times are epoch ms of `Date.now()`. */
export interface AttemptOutcome {
  /** `cancelled`: paused or deleted while its worker held it before the due instant; it never ran. */
  status: 'success' | 'error' | 'timeout' | 'terminated' | 'cancelled'
  /** When the worker was ready to hold the body (for the lead time). */
  readyAt?: number
  /** Whether a warm worker ran it (no cold start). */
  warm: boolean
  startedAt?: number
  endedAt: number
  result?: unknown
  component?: Record<string, unknown>
  error?: SerializedError
}

interface Attempt {
  request: AttemptRequest
  job: string
  warm: boolean
  worker?: Worker
  readyAt?: number
  startedAt?: number
  result?: { at: number; result: FireResult }
  /** Why the scheduler ended the worker, when it did. */
  ended?: 'timeout' | 'terminated' | 'cancelled'
  crash?: unknown
  watchdog?: NodeJS.Timeout
  /** Resolves the attempt: on its result, or when its worker is gone. */
  settle: () => void
}

/** A worker that finished a fire and waits for the schedule's next one. */
interface Idle {
  worker: Worker
  timer: NodeJS.Timeout
}

/**
 * Runs fires in Bree's worker threads. Bree never decides when: each schedule is a Bree job without a
 * schedule of its own, run when the scheduler says. Its worker stays warm between fires that come soon
 * (a cold worker costs a hundred milliseconds of CPU or more, too much for a schedule every second); a
 * fire that overlaps a running one of the same schedule gets a transient job (Bree runs one worker per
 * job name), removed after.
 */
export class FireRunner {
  readonly #bree: Bree
  readonly #attempts = new Map<string, Attempt>()
  readonly #idle = new Map<string, Idle>()
  readonly #workers = new Map<string, Worker>()
  readonly #path = workerFile()
  /** Each worker's end of the host bridge (the host's jobs, schedules and threads), made on its first call. */
  readonly #channels = new Map<string, BodyHostChannel>()
  readonly #host: BodyHost
  #transient = 0

  constructor(services: BodyServicesConfig, onProblem: (message: string) => void, host: BodyHost = {}) {
    this.#host = host
    const workerData: FireWorkerData = { services, lent: lentServices(host) }
    const quiet = () => {}
    this.#bree = new Bree({
      root: false,
      doRootCheck: false,
      logger: { info: quiet, warn: (error: unknown) => onProblem(messageOf(error)), error: quiet },
      worker: { workerData },
      workerMessageHandler: ({ name, message }) => this.#message(name, message as FromFireWorker),
      errorHandler: (error, { name }) => {
        const attempt = this.#attempts.get(name)
        if (attempt) attempt.crash ??= error
      },
    })
    // Bree drops a worker's 'exit' listeners when it signals 'done', so its own events say when one goes.
    this.#bree.on('worker created', (name: string) => {
      const worker = this.#bree.workers.get(name)
      if (!worker) return
      this.#workers.set(name, worker)
      liveWorkers().add(worker)
    })
    this.#bree.on('worker deleted', (name: string) => {
      const worker = this.#workers.get(name)
      this.#workers.delete(name)
      if (worker) liveWorkers().delete(worker)
      this.#channels.get(name)?.close()
      this.#channels.delete(name)
      this.#exited(name)
    })
  }

  /** Fires running now. */
  get running(): number {
    return this.#attempts.size
  }

  /** Whether `schedule` has a worker, idle or busy, that its next fire is likely to find warm. */
  hasWorker(schedule: string): boolean {
    return this.#idle.has(schedule) || (this.#attempts.get(schedule)?.request.keepWarmMs ?? 0) > 0
  }

  /** Run one attempt; resolves (never rejects) with how it ended. */
  async run(request: AttemptRequest): Promise<AttemptOutcome> {
    let settle!: () => void
    const settled = new Promise<void>((resolve) => {
      settle = resolve
    })
    const warm = this.#takeIdle(request.schedule)
    const job = warm ? request.schedule : await this.#job(request.schedule)
    const attempt: Attempt = { request, job, settle, warm: warm !== undefined }
    this.#attempts.set(job, attempt)
    try {
      if (warm) {
        attempt.worker = warm
        attempt.readyAt = Date.now()
      } else {
        await this.#bree.run(job)
        attempt.worker = this.#bree.workers.get(job)
        if (!attempt.worker) throw new Error('Bree did not start a worker')
      }
      const message: ToFireWorker = {
        type: 'fire',
        payload: request.payload,
        startAt: request.startAt,
        ...(request.timeoutMs === undefined ? {} : { timeoutMs: request.timeoutMs }),
      }
      attempt.worker.postMessage(message)
    } catch (error) {
      attempt.crash = error
      this.#attempts.delete(job)
      await this.#release(job)
      return this.#outcome(attempt)
    }
    await settled
    return this.#outcome(attempt)
  }

  /** Ask every running body to stop; end the workers of those that do not within a second. */
  async endAll(reason: string): Promise<void> {
    await Promise.all([...this.#attempts.values()].map((attempt) => this.#end(attempt, 'terminated', reason)))
  }

  /** Wait for every running attempt's worker to end, at most `ms`; true when none is left. */
  async settle(ms: number): Promise<boolean> {
    const deadline = Date.now() + ms
    while (this.#attempts.size > 0 && Date.now() < deadline) await pause(20)
    return this.#attempts.size === 0
  }

  /** Ends every worker; the runner is unusable afterwards. */
  async close(): Promise<void> {
    for (const name of [...this.#idle.keys()]) this.#releaseIdle(name)
    await this.endAll('the scheduler is stopping')
    await this.#bree.stop()
  }

  /**
   * Lets `schedule`'s warm worker go, and calls off its fires still held before their due instant
   * (paused or deleted after their worker was started ahead).
   */
  release(schedule: string): void {
    this.#releaseIdle(schedule)
    for (const attempt of this.#attempts.values()) {
      if (attempt.request.schedule !== schedule || attempt.startedAt !== undefined) continue
      attempt.ended = 'cancelled'
      const abort: ToFireWorker = { type: 'abort', reason: 'the schedule was paused or deleted', held: true }
      attempt.worker?.postMessage(abort)
    }
  }

  #takeIdle(schedule: string): Worker | undefined {
    const idle = this.#idle.get(schedule)
    if (!idle) return undefined
    clearTimeout(idle.timer)
    this.#idle.delete(schedule)
    return idle.worker
  }

  #releaseIdle(schedule: string) {
    const worker = this.#takeIdle(schedule)
    const release: ToFireWorker = { type: 'release' }
    worker?.postMessage(release)
  }

  /** After a result: keep the schedule's own worker warm for its next fire, or let it end. */
  #afterResult(attempt: Attempt) {
    this.#attempts.delete(attempt.job)
    const keep = attempt.request.keepWarmMs ?? 0
    const worker = attempt.worker
    if (!worker) return
    if (keep > 0 && attempt.job === attempt.request.schedule && !this.#idle.has(attempt.job)) {
      const timer = setTimeout(() => this.#releaseIdle(attempt.job), keep)
      timer.unref()
      this.#idle.set(attempt.job, { worker, timer })
    } else {
      const release: ToFireWorker = { type: 'release' }
      worker.postMessage(release)
    }
  }

  async #job(schedule: string): Promise<string> {
    const known = this.#bree.config.jobs.some((job) => job.name === schedule)
    if (!known) await this.#bree.add({ name: schedule, path: this.#path })
    if (!this.#attempts.has(schedule) && !this.#bree.workers.has(schedule)) return schedule
    const name = `${schedule}~${++this.#transient}`
    await this.#bree.add({ name, path: this.#path })
    return name
  }

  async #release(job: string) {
    if (job.includes('~')) await this.#bree.remove(job).catch(() => {})
  }

  #message(job: string, message: FromFireWorker) {
    if (isBridgeMessage(message)) {
      this.#channel(job)?.receive(message)
      return
    }
    const attempt = this.#attempts.get(job)
    if (!attempt || typeof message !== 'object' || message === null) return
    if (message.type === 'ready') attempt.readyAt = Date.now()
    else if (message.type === 'started') {
      attempt.startedAt = message.at
      // Called off while its start was on its way: the worker runs it on (a held-only abort).
      if (attempt.ended === 'cancelled') delete attempt.ended
      const { timeoutMs } = attempt.request
      if (timeoutMs !== undefined) {
        // The worker aborts the body itself at the timeout; this ends a body that ignores it.
        attempt.watchdog = setTimeout(
          () => void this.#end(attempt, 'timeout', 'timed out'),
          message.at + timeoutMs + STOP_GRACE_MS - Date.now(),
        )
      }
    } else if (message.type === 'log') attempt.request.onLog?.(message.entry)
    else if (message.type === 'result') {
      attempt.result = { at: message.at, result: message.result }
      clearTimeout(attempt.watchdog)
      this.#afterResult(attempt)
      attempt.settle()
    }
  }

  #channel(job: string): BodyHostChannel | undefined {
    let channel = this.#channels.get(job)
    const worker = this.#workers.get(job)
    if (!channel && worker) {
      channel = serveBodies(this.#host, (message) => worker.postMessage(message))
      this.#channels.set(job, channel)
    }
    return channel
  }

  #exited(job: string) {
    const idle = this.#idle.get(job)
    if (idle) {
      clearTimeout(idle.timer)
      this.#idle.delete(job)
    }
    void this.#release(job)
    const attempt = this.#attempts.get(job)
    if (!attempt) return
    clearTimeout(attempt.watchdog)
    this.#attempts.delete(job)
    attempt.settle()
  }

  async #end(attempt: Attempt, why: 'timeout' | 'terminated', reason: string) {
    if (attempt.result || !this.#attempts.has(attempt.job)) return
    attempt.ended = attempt.ended === 'cancelled' ? 'cancelled' : (attempt.ended ?? why)
    const abort: ToFireWorker = { type: 'abort', reason }
    attempt.worker?.postMessage(abort)
    const stopped = await this.#waitExit(attempt, STOP_GRACE_MS)
    if (stopped) return
    const stopping = this.#bree.stop(attempt.job)
    if (!(await this.#waitExit(attempt, 500))) await attempt.worker?.terminate()
    await stopping
  }

  async #waitExit(attempt: Attempt, ms: number): Promise<boolean> {
    const deadline = Date.now() + ms
    while (this.#attempts.has(attempt.job) && Date.now() < deadline) await pause(10)
    return !this.#attempts.has(attempt.job)
  }

  #outcome(attempt: Attempt): AttemptOutcome {
    const times = {
      warm: attempt.warm,
      ...(attempt.readyAt === undefined ? {} : { readyAt: attempt.readyAt }),
      ...(attempt.startedAt === undefined ? {} : { startedAt: attempt.startedAt }),
    }
    const reported = attempt.result
    if (reported?.result.ok) {
      const { result, component } = reported.result
      return { status: 'success', ...times, endedAt: reported.at, result, component }
    }
    if (reported && !reported.result.ok) {
      const timedOut = reported.result.timedOut || attempt.ended === 'timeout'
      if (timedOut) return { status: 'timeout', ...times, endedAt: reported.at, error: timeoutError(attempt) }
      const status = attempt.ended === 'terminated' ? 'terminated' : 'error'
      return { status, ...times, endedAt: reported.at, error: reported.result.error }
    }
    const endedAt = Date.now()
    if (attempt.ended === 'cancelled') return { status: 'cancelled', ...times, endedAt }
    if (attempt.ended === 'timeout')
      return { status: 'timeout', ...times, endedAt, error: timeoutError(attempt) }
    if (attempt.ended === 'terminated') {
      const error = new ScheduleError(ErrorCodes.SCHEDULE_ERROR, 'The fire was ended: the scheduler stopped')
      return { status: 'terminated', ...times, endedAt, error: error.toJSON() }
    }
    const why = attempt.crash === undefined ? 'its worker thread exited' : messageOf(attempt.crash)
    const error = new ScheduleError(ErrorCodes.SCHEDULE_ERROR, `The fire's worker failed: ${why}`)
    return { status: 'error', ...times, endedAt, error: error.toJSON() }
  }
}

function timeoutError(attempt: Attempt): SerializedError {
  const ms = attempt.request.timeoutMs ?? 0
  return new ScheduleError(
    ErrorCodes.SCHEDULE_TIMEOUT,
    `Schedule '${attempt.request.schedule}' timed out after ${ms} ms and was stopped`,
  ).toJSON()
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
