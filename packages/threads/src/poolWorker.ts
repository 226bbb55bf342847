import { type ResourceLimits, Worker } from 'node:worker_threads'
import type { BodyExecution, LogEntry } from '@quantum/runtime'
import {
  type BodyHost,
  type BodyHostChannel,
  type HostServiceName,
  isBridgeMessage,
  serveBodies,
} from '@quantum/runtime/services'
import { FUNCTIONS_PER_WORKER, type Seen, WorkerKeys } from './bodyCache'
import { liveWorkers } from './liveWorkers'
import { Outbox } from './outbox'
import {
  bodyOfScope,
  type FromWorker,
  type ToWorker,
  type WorkerResult,
  type WorkerServicesConfig,
} from './protocol'

/** A body as its worker sees it: an id, and where its logs and its end go. */
export interface WorkerBody {
  readonly id: number
  readonly kind: BodyExecution['kind']
  /** The params as JSON text. */
  readonly params: string | undefined
  /** Declared params to bind where the body runs (databound defaults), as JSON text. */
  readonly defaults: string | undefined
  /** The services the host lends the body. */
  readonly lent: HostServiceName[]
  log(entry: LogEntry): void
  done(result: WorkerResult): void
}

/** How a {@link PoolWorker} is started and whom it tells when its thread ends. */
export interface PoolWorkerOptions {
  file: URL
  services: WorkerServicesConfig
  resourceLimits?: ResourceLimits
  /** The services bodies borrow from the host (read when they call). */
  host: BodyHost
  /**
   * Serve a body's call to a lent service as that body: `serve` and all it goes on to do know which
   * body calls (`body` is undefined for messages of no body).
   */
  asBody(body: WorkerBody | undefined, serve: () => void): void
  /** The thread ended; `error` is what ended it, when something did (out of memory, a crash). */
  onExit(worker: PoolWorker, code: number, error: Error | undefined): void
}

/**
 * One worker thread of the pool and the bodies running on it. The thread loads the runtime and its
 * services once; bodies come and go as messages.
 */
export class PoolWorker {
  readonly bodies = new Map<number, WorkerBody>()
  /** Resolves once the thread has loaded the runtime and its services; rejects if it ends first. */
  readonly ready: Promise<void>
  /** Resolves when the thread has ended. */
  readonly exited: Promise<void>
  /** Set when the pool ends the thread itself, so its exit is not taken for a crash. */
  ending: 'killed' | 'closing' | undefined
  private isReady = false
  private readonly thread: Worker
  /** What goes to the thread: at once while it runs one body at most, else at the end of the turn. */
  private readonly outbox: Outbox<ToWorker>
  /** The bodies this worker keeps parsed. */
  private readonly keys = new WorkerKeys()
  /** The functions this worker keeps parsed. */
  private readonly functionKeys = new WorkerKeys(FUNCTIONS_PER_WORKER)
  /** The host's end of the bridge: what its bodies ask of the host's services. */
  private readonly channel: BodyHostChannel

  constructor(options: PoolWorkerOptions) {
    this.thread = new Worker(options.file, {
      workerData: options.services,
      ...(options.resourceLimits ? { resourceLimits: options.resourceLimits } : {}),
    })
    liveWorkers().add(this.thread)
    this.outbox = new Outbox(
      (message) => this.thread.postMessage(message),
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
    this.channel = serveBodies(options.host, (message) => this.outbox.post(message))
    const receive = (message: FromWorker) => {
      if (isBridgeMessage(message)) {
        const id = message.bridge === 'call' ? bodyOfScope(message.scope) : undefined
        const body = id === undefined ? undefined : this.bodies.get(id)
        options.asBody(body, () => this.channel.receive(message))
      } else if (message.type === 'batch') {
        for (const one of message.messages) receive(one)
      } else if (message.type === 'ready') {
        this.isReady = true
        markReady()
      } else if (message.type === 'log') {
        this.bodies.get(message.id)?.log(message.entry)
      } else {
        const body = this.bodies.get(message.id)
        this.bodies.delete(message.id)
        body?.done(message.result)
      }
    }
    this.thread.on('message', receive)
    this.thread.on('error', (error) => {
      failure = error
    })
    this.exited = new Promise((resolve) => {
      this.thread.once('exit', (code) => {
        liveWorkers().delete(this.thread)
        this.channel.close()
        failStart(failure ?? new Error(`the worker thread exited with code ${code} while starting`))
        options.onExit(this, code, failure)
        resolve()
      })
    })
  }

  /** Whether the thread got as far as loading the runtime (a thread that fails to start is not replaced). */
  get started(): boolean {
    return this.isReady
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
    const { json, key } = portable
    if (key === undefined) {
      message.body = json
    } else {
      const { held, forget } = this.keys.use(key)
      message.key = key
      if (!held) message.body = json
      if (forget !== undefined) message.forget = forget
    }
    if (portable.functions.length > 0) Object.assign(message, this.functionsFor(portable))
    this.outbox.post(message)
  }

  /** The keys of the body's functions, with those this worker lacks and those it may drop now. */
  private functionsFor(portable: Seen) {
    const define: [number, string][] = []
    const drop: number[] = []
    for (const fn of portable.functions) {
      const { held, forget } = this.functionKeys.use(fn.key)
      if (!held) define.push([fn.key, fn.json])
      if (forget !== undefined) drop.push(forget)
    }
    return { functions: portable.functions.map((fn) => fn.key), define, drop }
  }

  /** Ask a body to stop: it ends at its next statement or inside what it waits on. */
  abort(id: number, reason: string) {
    this.outbox.post({ type: 'abort', id, reason })
  }

  /** End the thread now, wherever its bodies are (one stuck in native code ends when it returns). */
  kill() {
    this.ending = 'killed'
    void this.thread.terminate()
  }

  /** Stop its bodies, let it release its services and end; terminated if that takes over `timeoutMs`. */
  async close(timeoutMs: number): Promise<void> {
    this.ending ??= 'closing'
    this.outbox.post({ type: 'close' })
    let timer: NodeJS.Timeout | undefined
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), timeoutMs)
    })
    if ((await Promise.race([this.exited, late])) === 'late') void this.thread.terminate()
    clearTimeout(timer)
    await this.exited
  }
}
