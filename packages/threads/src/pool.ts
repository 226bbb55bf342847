import { AsyncLocalStorage } from 'node:async_hooks'
import { availableParallelism } from 'node:os'
import type { BodyExecution, BodyOutcome, LogEntry } from '@quantum/runtime'
import { type BodyHost, lentServices } from '@quantum/runtime/services'
import {
  BodyCache,
  type BodyWorker,
  BodyWorkerSet,
  type WorkerBody,
  type WorkerResult,
  workerLostError,
} from '@quantum/runtime/workers'
import { formatMilliseconds, setLongTimeout } from '@quantum/time'
import { PoolErrors } from './errors'
import {
  DEFAULT_THREADS_MAX,
  type ThreadPool,
  type ThreadPoolOptions,
  type ThreadPoolStats,
} from './poolOptions'
import { type SlotBody, Slots } from './slots'
import { WaitingLine } from './waitingLine'

/** A body's life in the pool: waiting, then on a worker, then done. */
interface Task extends WorkerBody, SlotBody<Task> {
  readonly execution: BodyExecution
  readonly logs: LogEntry[]
  resolve(outcome: BodyOutcome): void
  worker?: BodyWorker
  started?: number
  startedAt?: string
  stopping?: 'aborted' | 'timeout'
  /** Cancels the task's pending timers (its timeout, its grace period). */
  timers: (() => void)[]
  finished: boolean
  unlisten?: () => void
}

/** How many log entries an outcome keeps (the host's logger gets every one as it comes). */
const MAX_OUTCOME_LOGS = 10_000

/**
 * Create a pool of `workers` worker threads that runs at most `max` bodies at once. Threads start with the
 * first body (or {@link ThreadPool.warm}) and are reused; a thread that dies is replaced.
 */
export function createThreadPool(options: ThreadPoolOptions = {}): ThreadPool {
  return new Pool(options)
}

class Pool implements ThreadPool {
  private readonly maxWaiting: number
  private readonly graceMs: number
  private readonly bodies = new BodyCache()
  private readonly workers: BodyWorkerSet
  private readonly line = new WaitingLine<Task>()
  private readonly slots: Slots<Task>
  /** The task behind each promise {@link execute} returned. */
  private readonly tasks = new WeakMap<Promise<BodyOutcome>, Task>()
  /** The body whose bridge call is being served (so a join knows which body waits). */
  private readonly caller = new AsyncLocalStorage<Task>()
  private nextId = 1
  private closing: Promise<void> | undefined
  /** What bodies borrow from the host; the host may fill it in after creating the pool. */
  private readonly hostServices: BodyHost

  constructor(options: ThreadPoolOptions) {
    this.maxWaiting = Math.max(0, Math.trunc(options.maxWaiting ?? 10_000))
    const maxLent = Math.max(0, Math.trunc(options.maxLent ?? 100))
    this.slots = new Slots(atLeastOne(options.max, DEFAULT_THREADS_MAX), maxLent, {
      waits: (task) => !task.worker && !task.finished,
      waiting: () => this.line.size,
      startNow: (task) => {
        this.line.remove(task)
        this.start(task)
      },
      onWorkers: () => this.workers.workers.flatMap((worker) => [...worker.bodies.values()] as Task[]),
    })
    this.graceMs = Math.max(0, options.graceMs ?? 1000)
    this.hostServices = options.host ?? {}
    this.workers = new BodyWorkerSet({
      size: atLeastOne(options.workers, availableParallelism()),
      services: options.services ?? {},
      host: this.hostServices,
      graceMs: this.graceMs,
      ...(options.resourceLimits ? { resourceLimits: options.resourceLimits } : {}),
      asBody: (body, serve) => (body ? this.caller.run(body as Task, serve) : serve()),
      onLost: (body, why) => this.lost(body as Task, why),
      afterLost: () => this.pump(),
    })
  }

  execute(execution: BodyExecution): Promise<BodyOutcome> {
    if (this.closing) throw PoolErrors.closed()
    if (!this.slots.free && this.line.size >= this.maxWaiting) throw PoolErrors.queueFull(this.maxWaiting)
    let resolve: (outcome: BodyOutcome) => void = () => {}
    const promise = new Promise<BodyOutcome>((settle) => {
      resolve = settle
    })
    const task: Task = {
      id: this.nextId++,
      kind: execution.kind,
      params: execution.params === undefined ? undefined : JSON.stringify(execution.params),
      defaults: execution.defaults?.length ? JSON.stringify(execution.defaults) : undefined,
      lent: lentServices(this.hostServices),
      execution,
      logs: [],
      resolve,
      timers: [],
      finished: false,
      slot: false,
      log: (entry) => this.log(task, entry),
      done: (result) => this.done(task, result),
    }
    const { signal } = execution
    if (signal?.aborted) {
      this.finish(task, { status: 'aborted' })
      return promise
    }
    if (signal) {
      const onAbort = () => this.stop(task, 'aborted', reasonText(signal.reason))
      signal.addEventListener('abort', onAbort, { once: true })
      task.unlisten = () => signal.removeEventListener('abort', onAbort)
    }
    this.tasks.set(promise, task)
    if (this.slots.free) this.start(task)
    else this.line.push(task, execution.priority ?? 'normal')
    return promise
  }

  waitFor<T>(outcome: Promise<BodyOutcome>, waiting: Promise<T>): Promise<T> {
    const joiner = this.caller.getStore()
    const target = this.tasks.get(outcome)
    if (!joiner || joiner.finished || !target || target.finished) return waiting
    return this.slots.waitFor(joiner, target, waiting)
  }

  async warm(): Promise<void> {
    if (this.closing) throw PoolErrors.closed()
    await this.workers.warm()
  }

  stats(): ThreadPoolStats {
    const { running, lent } = this.slots
    return { running, waiting: this.line.size, lent, workers: this.workers.workers.length }
  }

  close(): Promise<void> {
    this.closing ??= this.shutDown()
    return this.closing
  }

  private async shutDown() {
    for (const task of this.line.drain()) this.finish(task, { status: 'aborted' })
    for (const worker of this.workers.workers) {
      for (const body of worker.bodies.values()) (body as Task).stopping ??= 'aborted'
    }
    await this.workers.close()
  }

  private start(task: Task) {
    // The body becomes JSON only now: a body waiting in the line holds only what it was given (its
    // snapshot, and the statements and functions it shares with its run), not a copy of them as text.
    let portable: ReturnType<BodyCache['describe']>
    try {
      portable = this.bodies.describe(task.execution.body)
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error)
      this.finish(task, {
        status: 'failed',
        error: PoolErrors.unportable(why, task.execution.body.file).toJSON(),
      })
      return
    }
    this.slots.take(task)
    const worker = this.workers.run(task, portable)
    task.worker = worker
    guard(() => task.execution.onStart?.())
    // A cold worker first loads the runtime: the body's clock (elapsed time, timeout) starts after that.
    if (worker.started) this.clockOn(task)
    else
      worker.ready.then(
        () => this.clockOn(task),
        () => {},
      )
  }

  private clockOn(task: Task) {
    if (task.finished) return
    task.started = performance.now()
    task.startedAt = new Date().toISOString()
    const { timeoutMs } = task.execution
    if (timeoutMs !== undefined) {
      const reason = `timed out after ${formatMilliseconds(timeoutMs)}`
      task.timers.push(setLongTimeout(() => this.stop(task, 'timeout', reason), timeoutMs))
    }
  }

  /** Stop a body: out of the line if it waits; else ask its worker, and end the worker if it does not stop. */
  private stop(task: Task, why: 'aborted' | 'timeout', reason: string) {
    if (task.finished || task.stopping) return
    const { worker } = task
    if (!worker) {
      this.line.remove(task)
      this.finish(task, { status: why })
      return
    }
    task.stopping = why
    task.timers.push(this.workers.stop(worker, task, reason))
  }

  private log(task: Task, entry: LogEntry) {
    if (task.logs.length >= MAX_OUTCOME_LOGS) task.logs.shift()
    task.logs.push(entry)
    guard(() => task.execution.onLog?.(entry))
  }

  private done(task: Task, result: WorkerResult) {
    if (task.stopping) {
      // Where a stopped body stopped (its RUNTIME_ABORTED error) tells the host which statement it reached.
      this.finish(
        task,
        result.ok ? { status: task.stopping } : { status: task.stopping, error: result.error },
      )
    } else if (result.ok) {
      const { ok: _, ...completed } = result
      this.finish(task, { status: 'completed', ...completed })
    } else {
      this.finish(task, { status: 'failed', error: result.error })
    }
  }

  private finish(task: Task, ending: Partial<BodyOutcome> & Pick<BodyOutcome, 'status'>) {
    if (task.finished) return
    task.finished = true
    for (const cancel of task.timers) cancel()
    task.unlisten?.()
    task.worker?.bodies.delete(task.id)
    this.slots.release(task)
    const elapsedMs = task.started === undefined ? 0 : Math.round(performance.now() - task.started)
    const outcome: BodyOutcome = { output: '', logs: task.logs, elapsedMs, ...ending }
    if (task.startedAt !== undefined) outcome.startedAt = task.startedAt
    task.resolve(outcome)
    this.pump()
    this.slots.progress()
  }

  private pump() {
    while (!this.closing && this.slots.free && this.line.size > 0) {
      this.start(this.line.shift() as Task)
    }
  }

  /** The body's worker thread ended under it: a body asked to stop ends as asked, the others fail. */
  private lost(task: Task, why: string) {
    if (task.stopping) this.finish(task, { status: task.stopping })
    else
      this.finish(task, {
        status: 'failed',
        error: workerLostError(why, task.execution.body.file).toJSON(),
      })
  }
}

function atLeastOne(value: number | undefined, fallback: number): number {
  return Math.max(1, Math.trunc(value ?? fallback))
}

function reasonText(reason: unknown): string {
  if (reason instanceof Error) return reason.message
  return reason === undefined ? 'stopped' : String(reason)
}

/** A host callback that throws must not break the pool's bookkeeping. */
function guard(callback: () => void) {
  try {
    callback()
  } catch {
    // The host's own bug; the body goes on.
  }
}
