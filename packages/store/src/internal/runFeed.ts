import type { RunListener, RunRecord } from '../store'

/** The rows recorded after `afterId`, newest first (a store's `history({ afterId, limit })`). */
export type ReadAfter = (afterId: number, limit: number) => Promise<RunRecord[]>

/** How many rows one catch-up reads; a feed that fell further behind reads again at once. */
const BATCH = 500

/**
 * Delivers history rows in id order to the listeners of `watchRuns`. Whatever wakes it (a timer on
 * SQLite, a publish on Redis), it reads the rows past the last one delivered, so a wake-up that was
 * missed costs a delay, never a row.
 */
export class RunFeed {
  readonly #listeners = new Set<RunListener>()
  readonly #read: ReadAfter
  readonly #onError: (error: Error) => void
  #cursor = 0
  #reading: Promise<void> | undefined
  #again = false

  constructor(read: ReadAfter, onError: (error: Error) => void) {
    this.#read = read
    this.#onError = onError
  }

  get size(): number {
    return this.#listeners.size
  }

  /** Adds a listener; the first one starts the feed at the newest row recorded now. */
  async add(listener: RunListener): Promise<void> {
    if (this.#listeners.size === 0) {
      const [newest] = await this.#read(0, 1)
      this.#cursor = newest?.id ?? 0
    }
    this.#listeners.add(listener)
  }

  delete(listener: RunListener): void {
    this.#listeners.delete(listener)
  }

  clear(): void {
    this.#listeners.clear()
  }

  /** Reads and delivers what was recorded since the last row delivered; calls during a read coalesce. */
  wake(): void {
    if (this.#listeners.size === 0) return
    if (this.#reading) {
      this.#again = true
      return
    }
    this.#reading = this.#catchUp().finally(() => {
      this.#reading = undefined
      if (this.#again) {
        this.#again = false
        this.wake()
      }
    })
  }

  async #catchUp(): Promise<void> {
    for (;;) {
      let rows: RunRecord[]
      try {
        rows = await this.#read(this.#cursor, BATCH)
      } catch (error) {
        this.#onError(error instanceof Error ? error : new Error(String(error)))
        return
      }
      for (const run of rows.reverse()) {
        this.#cursor = Math.max(this.#cursor, run.id)
        for (const listener of [...this.#listeners]) {
          try {
            listener(run)
          } catch (error) {
            this.#onError(error instanceof Error ? error : new Error(String(error)))
          }
        }
      }
      if (rows.length < BATCH || this.#listeners.size === 0) return
    }
  }
}
