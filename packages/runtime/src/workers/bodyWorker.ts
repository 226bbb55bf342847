import { type ResourceLimits, Worker } from 'node:worker_threads'
import type { HostServiceName } from '../bridge/protocol'
import { isBridgeMessage } from '../bridge/protocol'
import { type BodyHost, type BodyHostChannel, serveBodies } from '../bridge/serveBodies'
import type { BodyExecution } from '../jobs/types'
import type { BodyServicesConfig } from '../services/bodyServices'
import type { LogEntry } from '../services/types'
import { FUNCTIONS_PER_WORKER, type Seen, WorkerKeys } from './bodyCache'
import { bodyThreadFile } from './bodyThreadFile'
import { liveWorkers } from './liveWorkers'
import { Outbox } from './outbox'
import {
  type BodyThreadData,
  bodyOfScope,
  type FromWorker,
  type ToWorker,
  type WorkerResult,
} from './protocol'

/** A body as its worker sees it: an id, and where its logs, its start and its end go. */
export interface WorkerBody {
  readonly id: number
  readonly kind: BodyExecution['kind']
  /** The params as JSON text. */
  readonly params: string | undefined
  /** Declared params to bind where the body runs (databound defaults), as JSON text. */
  readonly defaults: string | undefined
  /** The services the host lends the body. */
  readonly lent: HostServiceName[]
  /** Epoch ms before which the body must not start: the thread holds it, then calls {@link onStarted}. */
  readonly startAt?: number
  log(entry: LogEntry): void
  /** A held body started, at the thread's `Date.now()` `at`. */
  onStarted?(at: number): void
  done(result: WorkerResult): void
}

/** Starts a body thread: by default `new Worker(bodyThreadFile(), …)`; the scheduler has Bree start it. */
export type SpawnBodyThread = (
  workerData: BodyThreadData,
  resourceLimits: ResourceLimits | undefined,
) => Worker

/** How a {@link BodyWorker} is started and whom it tells when its thread ends. */
export interface BodyWorkerOptions {
  services: BodyServicesConfig
  resourceLimits?: ResourceLimits
  /** Starts the thread. @defaultValue a plain `Worker` of `bodyThread.js` */
  spawn?: SpawnBodyThread
  /** Asks the thread to close (it then stops its bodies and releases its services). @defaultValue a `close` message */
  requestClose?: (thread: Worker) => void
  /** The services bodies borrow from the host (read when they call). */
  host: BodyHost
  /**
   * Serve a body's call to a lent service as that body: `serve` and all it goes on to do know which
   * body calls (`body` is undefined for messages of no body).
   */
  asBody?(body: WorkerBody | undefined, serve: () => void): void
  /** The thread ended; `error` is what ended it, when something did (out of memory, a crash). */
  onExit(worker: BodyWorker, code: number, error: Error | undefined): void
}

const spawnPlain: SpawnBodyThread = (workerData, resourceLimits) =>
  new Worker(bodyThreadFile(), { workerData, ...(resourceLimits ? { resourceLimits } : {}) })

/**
 * One body thread and the bodies running on it. The thread loads the runtime and its services once;
 * bodies come and go as messages.
 */
export class BodyWorker {
  readonly bodies = new Map<number, WorkerBody>()
  /** Resolves once the thread has loaded the runtime and its services; rejects if it ends first. */
  readonly ready: Promise<void>
  /** Resolves when the thread has ended. */
  readonly exited: Promise<void>
  /** Set when the pool ends the thread itself, so its exit is not taken for a crash. */
  ending: 'killed' | 'closing' | undefined
  #isReady = false
  readonly #thread: Worker
  /** What goes to the thread: at once while it runs one body at most, else at the end of the turn. */
  readonly #outbox: Outbox<ToWorker>
  /** The bodies this worker keeps parsed. */
  readonly #keys = new WorkerKeys()
  /** The functions this worker keeps parsed. */
  readonly #functionKeys = new WorkerKeys(FUNCTIONS_PER_WORKER)
  /** The host's end of the bridge: what its bodies ask of the host's services. */
  readonly #channel: BodyHostChannel
  readonly #requestClose: (thread: Worker) => void

  constructor(options: BodyWorkerOptions) {
    this.#thread = (options.spawn ?? spawnPlain)({ services: options.services }, options.resourceLimits)
    liveWorkers().add(this.#thread)
    this.#requestClose = options.requestClose ?? ((thread) => thread.postMessage({ type: 'close' }))
    this.#outbox = new Outbox(
      (message) => this.#thread.postMessage(message),
      () => this.bodies.size <= 1,
    )
    let failure: Error | undefined
    let markReady = () => {}
    let failStart = (_error: Error) => {}
    this.ready = new Promise<void>((resolve, reject) => {
      markReady = resolve
      failStart = reject
    })
    // Nobody may be waiting for readiness; a failed start is also reported through onExit.
    this.ready.catch(() => {})
    this.#channel = serveBodies(options.host, (message) => this.#outbox.post(message))
    const asBody = options.asBody ?? ((_body, serve) => serve())
    const receive = (message: FromWorker | string) => {
      if (typeof message !== 'object' || message === null) return // Bree's own strings ('cancelled')
      if (isBridgeMessage(message)) {
        const id = message.bridge === 'call' ? bodyOfScope(message.scope) : undefined
        const body = id === undefined ? undefined : this.bodies.get(id)
        asBody(body, () => this.#channel.receive(message))
      } else if (message.type === 'batch') {
        for (const one of message.messages) receive(one)
      } else if (message.type === 'ready') {
        this.#isReady = true
        markReady()
      } else if (message.type === 'log') {
        this.bodies.get(message.id)?.log(message.entry)
      } else if (message.type === 'started') {
        this.bodies.get(message.id)?.onStarted?.(message.at)
      } else {
        const body = this.bodies.get(message.id)
        this.bodies.delete(message.id)
        body?.done(message.result)
      }
    }
    this.#thread.on('message', receive)
    this.#thread.on('error', (error) => {
      failure = error
    })
    this.exited = new Promise((resolve) => {
      this.#thread.once('exit', (code) => {
        liveWorkers().delete(this.#thread)
        this.#channel.close()
        failStart(failure ?? new Error(`the worker thread exited with code ${code} while starting`))
        options.onExit(this, code, failure)
        resolve()
      })
    })
  }

  /** Whether the thread got as far as loading the runtime (a thread that fails to start is not replaced). */
  get started(): boolean {
    return this.#isReady
  }

  /**
   * Run `body` on this thread: `portable` is its `PortableBody` as JSON, and the key workers keep it
   * under when it is sent again and again.
   */
  run(body: WorkerBody, portable: Seen) {
    this.bodies.set(body.id, body)
    const message: Extract<ToWorker, { type: 'run' }> = { type: 'run', id: body.id, kind: body.kind }
    if (body.params !== undefined) message.params = body.params
    if (body.defaults !== undefined) message.defaults = body.defaults
    if (body.lent.length > 0) message.lent = body.lent
    if (body.startAt !== undefined) message.startAt = body.startAt
    const { json, key } = portable
    if (key === undefined) {
      message.body = json
    } else {
      const { held, forget } = this.#keys.use(key)
      message.key = key
      if (!held) message.body = json
      if (forget !== undefined) message.forget = forget
    }
    if (portable.functions.length > 0) Object.assign(message, this.#functionsFor(portable))
    this.#outbox.post(message)
  }

  /** The keys of the body's functions, with those this worker lacks and those it may drop now. */
  #functionsFor(portable: Seen) {
    const define: [number, string][] = []
    const drop: number[] = []
    for (const fn of portable.functions) {
      const { held, forget } = this.#functionKeys.use(fn.key)
      if (!held) define.push([fn.key, fn.json])
      if (forget !== undefined) drop.push(forget)
    }
    return { functions: portable.functions.map((fn) => fn.key), define, drop }
  }

  /**
   * Ask a body to stop: it ends at its next statement or inside what it waits on. With `held`, only a
   * body still held before its `startAt` is stopped.
   */
  abort(id: number, reason: string, held = false) {
    this.#outbox.post(held ? { type: 'abort', id, reason, held } : { type: 'abort', id, reason })
  }

  /** End the thread now, wherever its bodies are (one stuck in native code ends when it returns). */
  kill() {
    this.ending = 'killed'
    void this.#thread.terminate()
  }

  /** Stop its bodies, let it release its services and end; terminated if that takes over `timeoutMs`. */
  async close(timeoutMs: number): Promise<void> {
    this.ending ??= 'closing'
    this.#outbox.flush()
    this.#requestClose(this.#thread)
    let timer: NodeJS.Timeout | undefined
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), timeoutMs)
    })
    if ((await Promise.race([this.exited, late])) === 'late') void this.#thread.terminate()
    clearTimeout(timer)
    await this.exited
  }
}
