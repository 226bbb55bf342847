import type Database from 'better-sqlite3'

interface Op {
  run(): unknown
  resolve(value: unknown): void
  reject(error: unknown): void
}

/**
 * Batches writes: every write asked for in one turn of the event loop runs in one write transaction
 * (`BEGIN IMMEDIATE`), and the promises settle after it commits. Under load, hundreds of enqueues,
 * claims, heartbeats and completions share one commit instead of paying one each.
 */
export class Ticks {
  readonly #db: Database.Database
  readonly #ops: Op[] = []
  readonly #before: () => void
  readonly #after: (committed: boolean) => void
  #scheduled = false

  /**
   * @param before runs inside each transaction after the queued writes (the claims of idle processors)
   * @param after runs after each transaction, told whether it committed
   */
  constructor(db: Database.Database, before: () => void, after: (committed: boolean) => void) {
    this.#db = db
    this.#before = before
    this.#after = after
  }

  /** Runs `write` in the next transaction; resolves with its result once that transaction commits. */
  write<T>(write: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#ops.push({ run: write, resolve: resolve as (value: unknown) => void, reject })
      this.request()
    })
  }

  /** Makes sure a transaction runs soon (for the claims of processors that became idle). */
  request(): void {
    if (this.#scheduled) return
    this.#scheduled = true
    setImmediate(() => this.flush())
  }

  /** Runs everything queued now, in one transaction. */
  flush(): void {
    this.#scheduled = false
    const ops = this.#ops.splice(0)
    const results: { op: Op; ok: boolean; value: unknown }[] = []
    try {
      this.#db
        .transaction(() => {
          for (const op of ops) {
            // One bad write fails its own caller; SQLite rolls back only that statement.
            try {
              results.push({ op, ok: true, value: op.run() })
            } catch (error) {
              results.push({ op, ok: false, value: error })
            }
          }
          this.#before()
        })
        .immediate()
    } catch (error) {
      for (const op of ops) op.reject(error)
      this.#after(false)
      return
    }
    for (const { op, ok, value } of results) (ok ? op.resolve : op.reject)(value)
    this.#after(true)
  }

  get idle(): boolean {
    return this.#ops.length === 0 && !this.#scheduled
  }
}
