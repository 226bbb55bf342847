import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import type { ResourceLimits } from 'node:worker_threads'
import { ErrorCodes, ScheduleError, type SerializedError } from '@quantum/ast'
import type { LogEntry } from '@quantum/runtime'
import { type BodyHost, type BodyServicesConfig, lentServices } from '@quantum/runtime/services'
import {
  type BodyWorker,
  BodyWorkerSet,
  bodyThreadFile,
  type WorkerBody,
  type WorkerResult,
  workerLostError,
} from '@quantum/runtime/workers'
import { setLongTimeout } from '@quantum/time'
import Bree from 'bree'

/** How long a body that was told to stop (timeout, shutdown) may take before its worker is ended. */
const STOP_GRACE_MS = 1_000

/** One attempt of one fire, to run on a fire worker. */
export interface AttemptRequest {
  schedule: string
  /** The `PortableBody` as JSON text: its snapshot is the schedule's variables. */
  payload: string
  /** The file the body came from, for a lost worker's error. */
  file?: string
  /** Epoch ms of this process's `Date.now()`: the body's first statement runs at or after it. */
  startAt: number
  timeoutMs?: number
  onLog?: (entry: LogEntry) => void
}

/** How an attempt ended. Times are epoch ms of `Date.now()`. */
export interface AttemptOutcome {
  /** `cancelled`: paused or deleted while its worker held it before the due instant; it never ran. */
  status: 'success' | 'error' | 'timeout' | 'terminated' | 'cancelled'
  /** When the attempt was on a worker ready to hold it (for the lead time). */
  readyAt?: number
  startedAt?: number
  endedAt: number
  result?: unknown
  component?: Record<string, unknown>
  error?: SerializedError
}

/** How the {@link FireRunner} starts its workers. */
export interface FireRunnerOptions {
  services: BodyServicesConfig
  /** What bodies borrow from the host (`q:job`, `q:schedule`, `q:thread`). */
  host?: BodyHost
  /** Fire worker threads. @defaultValue the number of cores */
  workers?: number
  /** V8 heap limits of each fire worker. */
  resourceLimits?: ResourceLimits
  onProblem: (message: string) => void
}

interface Attempt extends WorkerBody {
  readonly request: AttemptRequest
  worker?: BodyWorker
  readyAt?: number
  startedAt?: number
  result?: { at: number; result: WorkerResult }
  /** Why the scheduler stopped it, when it did. */
  ended?: 'timeout' | 'terminated' | 'cancelled'
  /** Why its worker was lost under it, when it was. */
  lost?: string
  /** Cancels its pending timers (its timeout, its grace). */
  timers: (() => void)[]
  finished: boolean
  readonly settled: Promise<void>
  settle(): void
}

/**
 * Runs fires on a fixed set of long-lived fire workers, many fires on each, whatever the number of
 * schedules: an idle schedule costs a timer and its record, not a thread. Bree manages the workers (it
 * starts each as a job of its own, `fire-worker-1`…, and restarts and stops them when asked); when a
 * fire runs is the scheduler's business, never Bree's. A worker holds a fire until its due instant,
 * runs it and reports; a fire that passes its timeout is aborted, and a worker whose fire does not stop
 * within the grace is ended and replaced (the other fires on it fail with `THREAD_WORKER_LOST`).
 */
export class FireRunner {
  readonly #bree: Bree
  readonly #workers: BodyWorkerSet
  readonly #attempts = new Map<number, Attempt>()
  readonly #host: BodyHost
  readonly #names: string[]
  #starting: Promise<void> | undefined
  #nextId = 1

  constructor(options: FireRunnerOptions) {
    this.#host = options.host ?? {}
    const size = Math.max(1, Math.trunc(options.workers ?? availableParallelism()))
    this.#names = Array.from({ length: size }, (_, index) => `fire-worker-${index + 1}`)
    const quiet = () => {}
    this.#bree = new Bree({
      root: false,
      doRootCheck: false,
      logger: { info: quiet, warn: (error: unknown) => options.onProblem(messageOf(error)), error: quiet },
      worker: {
        workerData: { services: options.services },
        ...(options.resourceLimits ? { resourceLimits: options.resourceLimits } : {}),
      },
      // A worker's crash reaches its bodies through their worker's exit (BodyWorkerSet).
      errorHandler: quiet,
    })
    this.#workers = new BodyWorkerSet({
      size,
      services: options.services,
      host: this.#host,
      graceMs: STOP_GRACE_MS,
      spawn: (index) => () => this.#spawn(index),
      requestClose: (index) => void this.#bree.stop(this.#names[index]),
      onLost: (body, why) => this.#lost(body as Attempt, why),
    })
  }

  /** Fires on a worker now (held until their instant, or running). */
  get running(): number {
    return this.#attempts.size
  }

  /**
   * Start every fire worker and wait until each has loaded the runtime, so no fire meets a cold one.
   * A fire run before (a run-now without hosting) starts them itself.
   */
  start(): Promise<void> {
    this.#starting ??= (async () => {
      const path = fileURLToPath(bodyThreadFile())
      await this.#bree.add(this.#names.map((name) => ({ name, path })))
      await this.#workers.warm()
    })()
    return this.#starting
  }

  /** Run one attempt; resolves (never rejects) with how it ended. */
  async run(request: AttemptRequest): Promise<AttemptOutcome> {
    let settle!: () => void
    const settled = new Promise<void>((resolve) => {
      settle = resolve
    })
    const attempt: Attempt = {
      id: this.#nextId++,
      kind: 'schedule',
      params: undefined,
      defaults: undefined,
      lent: lentServices(this.#host),
      startAt: request.startAt,
      request,
      timers: [],
      finished: false,
      settled,
      settle,
      log: (entry) => request.onLog?.(entry),
      onStarted: (at) => this.#started(attempt, at),
      done: (result) => {
        attempt.result = { at: Date.now(), result }
        this.#finish(attempt)
      },
    }
    this.#attempts.set(attempt.id, attempt)
    try {
      await this.start()
      const worker = this.#workers.run(attempt, { json: request.payload, key: undefined, functions: [] })
      attempt.worker = worker
      if (worker.started) attempt.readyAt = Date.now()
      else
        worker.ready.then(
          () => {
            attempt.readyAt = Date.now()
          },
          () => {},
        )
    } catch (error) {
      attempt.lost = messageOf(error)
      this.#finish(attempt)
    }
    await settled
    return outcomeOf(attempt)
  }

  /** Ask every fire to stop; end the workers of those that do not within the grace; resolves when all ended. */
  async endAll(reason: string): Promise<void> {
    const attempts = [...this.#attempts.values()]
    for (const attempt of attempts) this.#stop(attempt, 'terminated', reason)
    await Promise.all(attempts.map((attempt) => attempt.settled))
  }

  /** Wait for every fire to end, at most `ms`; true when none is left. */
  async settle(ms: number): Promise<boolean> {
    const deadline = Date.now() + ms
    while (this.#attempts.size > 0 && Date.now() < deadline) await pause(20)
    return this.#attempts.size === 0
  }

  /** Stop every worker (Bree's stop; ended if a worker does not close in time); the runner is unusable afterwards. */
  async close(): Promise<void> {
    await this.endAll('the scheduler is stopping')
    await this.#workers.close()
    await this.#bree.stop()
  }

  /** Calls off `schedule`'s fires still held before their due instant (paused or deleted meanwhile). */
  release(schedule: string): void {
    for (const attempt of this.#attempts.values()) {
      if (attempt.request.schedule !== schedule || attempt.startedAt !== undefined || attempt.ended) continue
      attempt.ended = 'cancelled'
      attempt.worker?.abort(attempt.id, 'the schedule was paused or deleted', true)
    }
  }

  /** Worker number `index`'s thread, started by Bree (its job of that name). */
  #spawn(index: number) {
    const name = this.#names[index] as string
    // Bree creates the thread before its first await once it is initialised (start() added the jobs).
    void this.#bree.run(name)
    const thread = this.#bree.workers.get(name)
    if (!thread) throw new Error(`Bree did not start the fire worker ${name}`)
    return thread
  }

  #started(attempt: Attempt, at: number) {
    attempt.startedAt = at
    // Called off while its start was on its way: the worker runs it on (a held-only abort).
    if (attempt.ended === 'cancelled') delete attempt.ended
    const { timeoutMs } = attempt.request
    if (timeoutMs === undefined || attempt.finished) return
    const reason = `the fire timed out after ${timeoutMs} ms`
    attempt.timers.push(
      setLongTimeout(() => this.#stop(attempt, 'timeout', reason), at + timeoutMs - Date.now()),
    )
  }

  #stop(attempt: Attempt, why: 'timeout' | 'terminated', reason: string) {
    if (attempt.finished || (attempt.ended && attempt.ended !== 'cancelled')) return
    if (attempt.ended !== 'cancelled') attempt.ended = why
    const { worker } = attempt
    if (worker) attempt.timers.push(this.#workers.stop(worker, attempt, reason))
  }

  #lost(attempt: Attempt, why: string) {
    attempt.lost = why
    this.#finish(attempt)
  }

  #finish(attempt: Attempt) {
    if (attempt.finished) return
    attempt.finished = true
    for (const cancel of attempt.timers) cancel()
    attempt.worker?.bodies.delete(attempt.id)
    this.#attempts.delete(attempt.id)
    attempt.settle()
  }
}

/** How an attempt ended, from what its worker reported (or did not). */
function outcomeOf(attempt: Attempt): AttemptOutcome {
  const times = {
    ...(attempt.readyAt === undefined ? {} : { readyAt: attempt.readyAt }),
    ...(attempt.startedAt === undefined ? {} : { startedAt: attempt.startedAt }),
  }
  const reported = attempt.result
  const endedAt = reported?.at ?? Date.now()
  if (reported?.result.ok) {
    const { result, component } = reported.result
    return { status: 'success', ...times, endedAt, result, ...(component ? { component } : {}) }
  }
  if (attempt.ended === 'cancelled' && attempt.startedAt === undefined)
    return { status: 'cancelled', ...times, endedAt }
  if (attempt.ended === 'timeout')
    return { status: 'timeout', ...times, endedAt, error: timeoutError(attempt) }
  if (attempt.ended === 'terminated') {
    const error =
      reported && !reported.result.ok
        ? reported.result.error
        : new ScheduleError(ErrorCodes.SCHEDULE_ERROR, 'The fire was ended: the scheduler stopped').toJSON()
    return { status: 'terminated', ...times, endedAt, error }
  }
  if (reported && !reported.result.ok)
    return { status: 'error', ...times, endedAt, error: reported.result.error }
  const error = workerLostError(attempt.lost ?? 'its worker thread exited', attempt.request.file).toJSON()
  return { status: 'error', ...times, endedAt, error }
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
