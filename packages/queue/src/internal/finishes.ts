import { ErrorCodes } from '@quantum/ast'
import type { FinishOptions, QueueJob } from '../contract'
import { coded, queueError } from './errors'

interface Waiter {
  resolve(job: QueueJob): void
  reject(error: Error): void
  timer: NodeJS.Timeout | undefined
}

/** How an adapter hears that jobs may have ended. */
export interface FinishSignals {
  /** Called before the first wait reads its job: start listening (resolves once listening). */
  listen(): Promise<void>
  /** Called when nobody waits any more. */
  stop(): void
}

/**
 * The callers waiting for jobs to end (`QueueAdapter.finished`). The adapter calls {@link check} when a
 * job may have ended; each wait reads its job once after listening starts, so an end that happened
 * before (or while) it started is seen too.
 */
export class Finishes {
  readonly #waiting = new Map<string, Set<Waiter>>()
  readonly #read: (id: string) => Promise<QueueJob | undefined>
  readonly #signals: FinishSignals

  constructor(read: (id: string) => Promise<QueueJob | undefined>, signals: FinishSignals) {
    this.#read = read
    this.#signals = signals
  }

  /** The ids waited for. */
  get ids(): string[] {
    return [...this.#waiting.keys()]
  }

  async wait(id: string, options: FinishOptions = {}): Promise<QueueJob> {
    const { timeoutMs } = options
    if (timeoutMs !== undefined && !(Number.isSafeInteger(timeoutMs) && timeoutMs >= 0))
      throw queueError(`Invalid timeoutMs: ${timeoutMs} (an integer of at least 0)`, { timeoutMs })
    if (this.#waiting.size === 0) await this.#signals.listen()
    const waiter: Waiter = { resolve: () => {}, reject: () => {}, timer: undefined }
    const ended = new Promise<QueueJob>((resolve, reject) => {
      waiter.resolve = resolve
      waiter.reject = reject
    })
    const waiters = this.#waiting.get(id) ?? new Set()
    waiters.add(waiter)
    this.#waiting.set(id, waiters)
    // Read once listening: a job that already ended resolves here, whatever the timeout.
    await this.check([id])
    if (timeoutMs !== undefined && this.#waiting.get(id)?.has(waiter))
      waiter.timer = setTimeout(() => {
        this.#remove(id, waiter)
        waiter.reject(
          coded(ErrorCodes.QUEUE_RESULT_TIMEOUT, `Job ${id} did not end within ${timeoutMs} ms`, {
            id,
            timeoutMs,
          }),
        )
      }, timeoutMs)
    return ended
  }

  /** Reads the jobs among `ids` someone waits for, and settles the waits of those that ended. */
  async check(ids: readonly string[] = this.ids): Promise<void> {
    await Promise.all(
      ids
        .filter((id) => this.#waiting.has(id))
        .map(async (id) => {
          try {
            const job = await this.#read(id)
            if (!job) this.#settle(id, (waiter) => waiter.reject(notFound(id)))
            else if (job.status === 'completed' || job.status === 'failed' || job.status === 'cancelled')
              this.#settle(id, (waiter) => waiter.resolve(job))
          } catch (error) {
            this.#settle(id, (waiter) => waiter.reject(error as Error))
          }
        }),
    )
  }

  /** Rejects every wait (the adapter is closing). */
  close(error: Error): void {
    for (const id of this.ids) this.#settle(id, (waiter) => waiter.reject(error))
  }

  #settle(id: string, settle: (waiter: Waiter) => void): void {
    for (const waiter of this.#waiting.get(id) ?? []) {
      this.#remove(id, waiter)
      settle(waiter)
    }
  }

  #remove(id: string, waiter: Waiter): void {
    clearTimeout(waiter.timer)
    const waiters = this.#waiting.get(id)
    waiters?.delete(waiter)
    if (waiters?.size === 0) this.#waiting.delete(id)
    if (this.#waiting.size === 0) this.#signals.stop()
  }
}

function notFound(id: string) {
  return coded(ErrorCodes.QUEUE_JOB_NOT_FOUND, `No job has the ID ${id}`, { id })
}
