/** One bee-queue job waiting for a slot. */
interface Waiter {
  queue: string
  band: number
  seq: number
  resolve(granted: boolean): void
}

/**
 * The processor's slots, shared by the bee-queues of every priority band it drains. bee-queue has no
 * priority, so each band is a queue of its own; a job its band took waits here for a slot, and a free
 * slot goes to the highest band waiting (first come within one). Jobs of a paused queue wait until it
 * resumes.
 */
export class Gate {
  readonly #slots: number
  readonly #waiters: Waiter[] = []
  #used = 0
  #seq = 0
  #closed = false
  #held = 0
  paused: ReadonlySet<string> = new Set()

  constructor(slots: number) {
    this.#slots = slots
  }

  get used(): number {
    return this.#used
  }

  /** Resolves true with a slot (give it back with {@link leave}), or false when the gate closed. */
  enter(queue: string, band: number): Promise<boolean> {
    if (this.#closed) return Promise.resolve(false)
    return new Promise((resolve) => {
      this.#waiters.push({ queue, band, seq: this.#seq++, resolve })
      this.pump()
    })
  }

  leave(): void {
    this.#used--
    this.pump()
  }

  /** Hold grants for `ms`: lets every band's first jobs arrive before the first slot is given. */
  holdFor(ms: number): void {
    this.#held++
    setTimeout(() => {
      this.#held--
      this.pump()
    }, ms).unref()
  }

  pump(): void {
    while (this.#held === 0 && this.#used < this.#slots) {
      let best: Waiter | undefined
      for (const waiter of this.#waiters) {
        if (this.paused.has(waiter.queue)) continue
        if (!best || waiter.band > best.band || (waiter.band === best.band && waiter.seq < best.seq))
          best = waiter
      }
      if (!best) return
      this.#waiters.splice(this.#waiters.indexOf(best), 1)
      this.#used++
      best.resolve(true)
    }
  }

  /** Refuses every waiting and future job. */
  close(): void {
    this.#closed = true
    for (const waiter of this.#waiters.splice(0)) waiter.resolve(false)
  }
}
