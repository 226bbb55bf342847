/** What keeps a held job's lease while it waits, and gives the job back. */
export interface HeldLease {
  heartbeat(id: string, token: string): Promise<boolean>
  /** Pending again, its attempt not counted; false when the lease was already lost. */
  release(id: string, token: string): Promise<boolean>
}

interface Held<T> {
  job: T
  id: string
  token: string
  priority: number
  renewedAt: number
}

/**
 * The claimed jobs a processor holds ahead of its slots (see `Ahead`), highest priority first, first
 * claimed first within one: a job of a higher priority claimed later still starts before lower ones held.
 * Their leases are renewed while they wait; one whose lease was lost anyway is dropped (another worker has
 * it). They are leased but not started: a worker that dies holding them has not spent their attempts.
 */
export class HeldJobs<T> {
  readonly #lease: HeldLease
  readonly #renewMs: number
  readonly #onDropped: () => void
  readonly #onError: (error: Error) => void
  readonly #jobs: Held<T>[] = []
  #timer: NodeJS.Timeout | undefined

  constructor(lease: HeldLease, renewMs: number, onDropped: () => void, onError: (error: Error) => void) {
    this.#lease = lease
    this.#renewMs = renewMs
    this.#onDropped = onDropped
    this.#onError = onError
  }

  get size(): number {
    return this.#jobs.length
  }

  add(job: T, id: string, token: string, priority: number): void {
    let at = this.#jobs.length
    while (at > 0 && (this.#jobs[at - 1] as Held<T>).priority < priority) at--
    this.#jobs.splice(at, 0, { job, id, token, priority, renewedAt: Date.now() })
    this.#timer ??= setInterval(() => this.#renew(), this.#renewMs)
  }

  /** The next job to start and its token, or undefined. */
  next(): { job: T; token: string } | undefined {
    const held = this.#jobs.shift()
    if (this.#jobs.length === 0) this.#stopRenewing()
    return held && { job: held.job, token: held.token }
  }

  /** Hands every held job back: pending again, its attempt not counted. */
  handBack(): Promise<unknown>[] {
    this.#stopRenewing()
    return this.#jobs
      .splice(0)
      .map(({ id, token }) => this.#lease.release(id, token).catch((error: Error) => this.#onError(error)))
  }

  #renew(): void {
    const now = Date.now()
    for (const held of this.#jobs) {
      if (now - held.renewedAt < this.#renewMs / 2) continue
      held.renewedAt = now
      this.#lease.heartbeat(held.id, held.token).then(
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
