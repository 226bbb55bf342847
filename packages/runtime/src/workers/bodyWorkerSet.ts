import type { ResourceLimits, Worker } from 'node:worker_threads'
import { ErrorCodes, ThreadError } from '@quantum/ast'
import { formatMilliseconds, setLongTimeout } from '@quantum/time'
import type { BodyHost } from '../bridge/serveBodies'
import type { BodyServicesConfig } from '../services/bodyServices'
import type { Seen } from './bodyCache'
import { BodyWorker, type SpawnBodyThread, type WorkerBody } from './bodyWorker'

/** Extra time a closing thread gets, past the grace, to release its services before it is ended. */
const CLOSE_MARGIN_MS = 2_000

/** How a {@link BodyWorkerSet} starts its threads and what it does when one is lost. */
export interface BodyWorkerSetOptions {
  /** How many body threads it keeps (at least one). */
  size: number
  services: BodyServicesConfig
  /** The services bodies borrow from the host (read when they call). */
  host: BodyHost
  resourceLimits?: ResourceLimits
  /** How long a body asked to stop may take before its thread is ended (failing the others on it). */
  graceMs: number
  /** Starts the thread of worker number `index` (0 to size − 1). @defaultValue a plain `Worker` */
  spawn?: (index: number) => SpawnBodyThread
  /** Asks the thread of worker number `index` to close. @defaultValue a `close` message */
  requestClose?: (index: number, thread: Worker) => void
  /** Serve a body's call to a lent service as that body (see {@link BodyWorker}). */
  asBody?(body: WorkerBody | undefined, serve: () => void): void
  /** A thread ended unasked (a crash, out of memory) or was ended by {@link BodyWorkerSet.kill}: `body` ran on it. */
  onLost(body: WorkerBody, why: string): void
  /** After a lost thread's bodies were told and the thread replaced. */
  afterLost?(): void
}

/**
 * A fixed number of long-lived body threads, each running many bodies at once: the one piece of code
 * under the thread pool and the scheduler's fire workers. It starts and replaces threads, gives each
 * body the least busy one, stops a body (ending its thread when it does not stop within the grace) and
 * tells its owner about the bodies of a thread that is lost.
 */
export class BodyWorkerSet {
  readonly #options: BodyWorkerSetOptions
  readonly #slots: (BodyWorker | undefined)[]
  readonly #ending = new Set<Promise<void>>()
  #closing = false

  constructor(options: BodyWorkerSetOptions) {
    this.#options = options
    this.#slots = Array.from({ length: Math.max(1, Math.trunc(options.size)) }, () => undefined)
  }

  /** The threads running now. */
  get workers(): BodyWorker[] {
    return this.#slots.filter((worker) => worker !== undefined)
  }

  /** Start the missing threads (all at first; a lost one's replacement later). */
  fill(): void {
    if (this.#closing) return
    for (const [index, worker] of this.#slots.entries()) {
      if (worker) continue
      const spawn = this.#options.spawn?.(index)
      const requestClose = this.#options.requestClose
      this.#slots[index] = new BodyWorker({
        services: this.#options.services,
        host: this.#options.host,
        ...(spawn ? { spawn } : {}),
        ...(requestClose ? { requestClose: (thread: Worker) => requestClose(index, thread) } : {}),
        ...(this.#options.asBody ? { asBody: this.#options.asBody } : {}),
        ...(this.#options.resourceLimits ? { resourceLimits: this.#options.resourceLimits } : {}),
        onExit: (exited, code, error) => this.#onExit(exited, code, error),
      })
    }
  }

  /** Start every thread and wait until each has loaded the runtime; rejects if one fails to start. */
  async warm(): Promise<void> {
    this.fill()
    await Promise.all(this.workers.map((worker) => worker.ready))
  }

  /** Run `body` on the least busy thread (starting the threads first if need be); returns that thread. */
  run(body: WorkerBody, portable: Seen): BodyWorker {
    this.fill()
    const worker = this.workers.reduce((best, candidate) =>
      candidate.bodies.size < best.bodies.size ? candidate : best,
    )
    worker.run(body, portable)
    return worker
  }

  /**
   * Ask the body to stop; if it has not ended within the grace, end its thread (the other bodies on it
   * are lost). Returns what cancels the grace timer (call it when the body ends).
   */
  stop(worker: BodyWorker, body: WorkerBody, reason: string): () => void {
    worker.abort(body.id, reason)
    return setLongTimeout(() => {
      if (worker.bodies.has(body.id)) this.kill(worker)
    }, this.#options.graceMs)
  }

  /** End a thread now: its bodies are lost (each told through `onLost`), and it is replaced. */
  kill(worker: BodyWorker): void {
    if (worker.ending) return
    worker.kill()
    this.#ending.add(worker.exited)
    void worker.exited.then(() => this.#ending.delete(worker.exited))
    this.#lose(
      worker,
      `terminated because a body on it did not stop within ${formatMilliseconds(this.#options.graceMs)}`,
    )
  }

  /**
   * Close every thread (each stops its bodies and releases its services), ending those that take longer
   * than the grace and a margin to release them.
   */
  async close(): Promise<void> {
    this.#closing = true
    const timeoutMs = this.#options.graceMs + CLOSE_MARGIN_MS
    await Promise.all(this.workers.map((worker) => worker.close(timeoutMs)))
    await Promise.all(this.#ending)
  }

  #onExit(worker: BodyWorker, code: number, error: Error | undefined) {
    if (worker.ending === 'killed') return
    this.#lose(worker, error ? error.message : `exit code ${code}`)
  }

  #lose(worker: BodyWorker, why: string) {
    const index = this.#slots.indexOf(worker)
    if (index >= 0) this.#slots[index] = undefined
    for (const body of [...worker.bodies.values()]) {
      worker.bodies.delete(body.id)
      this.#options.onLost(body, why)
    }
    // A thread that never started (a broken install) is not replaced in a loop: the next body tries again.
    if (worker.started) this.fill()
    this.#options.afterLost?.()
  }
}

/** The error of a body whose thread ended under it (another body would not stop, a crash, out of memory). */
export function workerLostError(why: string, file: string | undefined): ThreadError {
  return new ThreadError(
    ErrorCodes.THREAD_WORKER_LOST,
    `The worker thread running this body ended (${why}); the pool replaced it`,
    file === undefined ? {} : { file },
  )
}
