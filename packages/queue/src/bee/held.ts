import type { BeeAdapter } from './beeQueue'
import type { BeeJobData } from './jobData'
import { type JobAddress, jobId } from './keys'

/** A job a take leased to this process (its attempt taken, not yet started), waiting for a slot. */
export interface HeldJob {
  address: JobAddress
  data: BeeJobData
  token: string
  attempt: number
  renewedAt: number
}

/**
 * The jobs a bee processor holds ahead, highest band first (first taken first within one). Their leases
 * are renewed while they wait, which also keeps bee-queue's stall check off them; one whose lease was lost
 * anyway is dropped (another worker has it). A worker that dies holding jobs loses their leases, and the
 * claim of another worker picks them up; as they never started, their attempts are not counted.
 */
export class HeldJobs {
  readonly #adapter: BeeAdapter
  readonly #onDropped: () => void
  readonly #onError: (error: Error) => void
  readonly #jobs: HeldJob[] = []
  readonly #renewMs: number
  #timer: NodeJS.Timeout | undefined

  constructor(adapter: BeeAdapter, onDropped: () => void, onError: (error: Error) => void) {
    this.#adapter = adapter
    this.#onDropped = onDropped
    this.#onError = onError
    this.#renewMs = Math.max(10, Math.floor(adapter.settings.stallIntervalMs / 3))
  }

  get size(): number {
    return this.#jobs.length
  }

  add(job: Omit<HeldJob, 'renewedAt'>): void {
    // Highest band first: a job of a higher band taken later still goes before the lower ones held.
    let at = this.#jobs.length
    while (at > 0 && (this.#jobs[at - 1] as HeldJob).address.band < job.address.band) at--
    this.#jobs.splice(at, 0, { ...job, renewedAt: Date.now() })
    this.#timer ??= setInterval(() => this.#renew(), this.#renewMs)
  }

  /** The next job to start, or undefined. */
  next(): HeldJob | undefined {
    const job = this.#jobs.shift()
    if (this.#jobs.length === 0) this.#stopRenewing()
    return job
  }

  /** Hands every held job back: pending again at the head of its line, its attempt not counted. */
  handBack(): Promise<unknown>[] {
    this.#stopRenewing()
    return this.#jobs
      .splice(0)
      .map(({ address, token }) =>
        this.#adapter.release(jobId(address), token).catch((error: Error) => this.#onError(error)),
      )
  }

  #renew(): void {
    const now = Date.now()
    for (const held of this.#jobs) {
      if (now - held.renewedAt < this.#renewMs / 2) continue
      held.renewedAt = now
      this.#adapter.heartbeat(jobId(held.address), held.token).then(
        (kept) => {
          if (kept) return
          const at = this.#jobs.indexOf(held)
          if (at < 0) return
          this.#jobs.splice(at, 1)
          if (this.#jobs.length === 0) this.#stopRenewing()
          this.#onDropped()
        },
        (error: Error) => this.#onError(error),
      )
    }
  }

  #stopRenewing(): void {
    clearInterval(this.#timer)
    this.#timer = undefined
  }
}
