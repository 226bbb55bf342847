import { ErrorCodes, QuantumError, ThreadError } from '@quantum/ast'
import {
  createRuntime,
  type DispatchReceipt,
  type DispatchRequest,
  describeTrigger,
  type JobDefinition,
  type JobService,
  type PortableBody,
  type Runtime,
  type ScheduleDefinition,
  type ScheduleInfo,
  type ScheduleService,
  type ThreadInfo,
  type ThreadRequest,
  type ThreadService,
} from '../../src/index'

/**
 * In-memory implementations of the three job service contracts that record what reaches them.
 * The job tags only delegate, so these are what their tests look through; the packages that
 * implement the contracts for real (scheduler, threads, queue) start their conformance suites here.
 */

/** Registers schedules in a map; pause, resume and delete succeed for a registered name. */
export class RecordingSchedules implements ScheduleService {
  readonly definitions: ScheduleDefinition[] = []
  /** `register <name>`, `pause <name>`… in call order. */
  readonly calls: string[] = []
  private readonly schedules = new Map<string, ScheduleInfo>()

  async register(definition: ScheduleDefinition): Promise<ScheduleInfo> {
    this.calls.push(`register ${definition.name}`)
    this.definitions.push(definition)
    const { trigger } = definition
    const info: ScheduleInfo = {
      name: definition.name,
      trigger_type: trigger.kind === 'at' ? 'date' : trigger.kind,
      trigger_info: describeTrigger(trigger),
      next_run: null,
      enabled: definition.enabled,
    }
    this.schedules.set(definition.name, info)
    return info
  }

  async pause(name: string) {
    return this.setEnabled('pause', name, false)
  }

  async resume(name: string) {
    return this.setEnabled('resume', name, true)
  }

  async delete(name: string) {
    this.calls.push(`delete ${name}`)
    return this.schedules.delete(name)
  }

  get(name: string): ScheduleInfo | undefined {
    return this.schedules.get(name)
  }

  private setEnabled(call: string, name: string, enabled: boolean) {
    this.calls.push(`${call} ${name}`)
    const info = this.schedules.get(name)
    if (info) info.enabled = enabled
    return info !== undefined
  }
}

/** One thread of {@link RecordingThreads}: its latest state, what settles it and what stops it. */
interface RunningThread {
  info: ThreadInfo
  done: Promise<ThreadInfo>
  stop: AbortController
}

/**
 * Runs each thread's body for real with `runtime.runBody`, after a JSON round trip (what crosses a
 * worker), with its own `thread` scope, and settles it: state, then the starter's `settled` callback,
 * then joiners. A request's `timeoutMs` stops the body as terminate does, with a `THREAD_TIMEOUT` error.
 */
export class RecordingThreads implements ThreadService {
  readonly requests: ThreadRequest[] = []
  private readonly threads = new Map<string, RunningThread>()

  /** `runtime` runs the bodies; a plain one (no services) by default. */
  constructor(private readonly runtime: Pick<Runtime, 'runBody'> = createRuntime()) {}

  async run(request: ThreadRequest): Promise<ThreadInfo> {
    this.requests.push(request)
    const started = Date.now()
    const info: ThreadInfo = {
      name: request.name,
      status: 'RUNNING',
      priority: request.priority,
      startTime: new Date(started).toISOString(),
      elapsedTime: 0,
    }
    const stop = new AbortController()
    const { settled, ...body } = request
    const crossed = JSON.parse(JSON.stringify(body)) as PortableBody
    const thread: RunningThread = { info, stop, done: Promise.resolve(info) }
    const timeout =
      request.timeoutMs === undefined
        ? undefined
        : setTimeout(
            () =>
              stop.abort(
                new ThreadError(
                  ErrorCodes.THREAD_TIMEOUT,
                  `Thread '${request.name}' timed out after ${request.timeoutMs}ms`,
                ),
              ),
            request.timeoutMs,
          )
    thread.done = this.runtime
      .runBody(crossed, { signal: stop.signal, kind: 'thread', vars: { thread: {} } })
      .then(
        (result): ThreadInfo => ({
          ...info,
          status: 'COMPLETED',
          result: result.result,
          output: result.output,
          scope: result.variables.thread as Record<string, unknown>,
        }),
        (error: unknown): ThreadInfo => ({
          ...info,
          status: stop.signal.aborted ? 'TERMINATED' : 'FAILED',
          error: (QuantumError.is(stop.signal.reason)
            ? stop.signal.reason
            : QuantumError.is(error)
              ? error
              : new ThreadError(ErrorCodes.THREAD_ERROR, String(error))
          ).toJSON(),
        }),
      )
      .then(async (final) => {
        clearTimeout(timeout)
        final.elapsedTime = Date.now() - started
        thread.info = final
        await settled?.(final)
        return final
      })
    this.threads.set(request.name, thread)
    return info
  }

  /** Waits for the thread's body and its `settled` callback; at most `timeoutMs`, then its state as it is. */
  async join(name: string, timeoutMs?: number): Promise<ThreadInfo> {
    const thread = this.thread(name)
    if (timeoutMs === undefined) return thread.done
    let timer: NodeJS.Timeout | undefined
    const timedOut = new Promise<ThreadInfo>((resolve) => {
      timer = setTimeout(() => resolve(thread.info), timeoutMs)
    })
    try {
      return await Promise.race([thread.done, timedOut])
    } finally {
      clearTimeout(timer)
    }
  }

  /** Stops a running thread (its body ends at its next statement or wait); false when it had ended. */
  async terminate(name: string): Promise<boolean> {
    const thread = this.thread(name)
    if (thread.info.status !== 'RUNNING') return false
    thread.stop.abort('Thread terminated')
    await thread.done
    return true
  }

  get(name: string): ThreadInfo | undefined {
    return this.threads.get(name)?.info
  }

  private thread(name: string): RunningThread {
    const thread = this.threads.get(name)
    if (!thread) throw new ThreadError(ErrorCodes.THREAD_NOT_FOUND, `Thread '${name}' not found`)
    return thread
  }
}

/** Accepts every definition and dispatch, numbering jobs from 1. */
export class RecordingJobs implements JobService {
  readonly definitions: JobDefinition[] = []
  readonly dispatched: DispatchRequest[] = []
  /** Each `dispatchBatch` call's requests (their jobs are in `dispatched` too). */
  readonly batches: DispatchRequest[][] = []
  private next = 1

  async define(definition: JobDefinition) {
    this.definitions.push(definition)
  }

  async dispatch(request: DispatchRequest): Promise<DispatchReceipt> {
    this.dispatched.push(request)
    return { id: this.next++, queue: request.queue ?? 'default' }
  }

  async dispatchBatch(requests: DispatchRequest[]): Promise<DispatchReceipt[]> {
    this.batches.push(requests)
    return Promise.all(requests.map((request) => this.dispatch(request)))
  }
}
