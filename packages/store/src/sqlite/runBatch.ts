import type Database from 'better-sqlite3'
import type { RunRow } from '../internal/rows'
import type { Retention, RunRecord } from '../store'
import { insertRun, pruneHistory } from './history'
import type { Sql } from './statements'

interface Pending {
  row: RunRow
  resolve(record: RunRecord): void
  reject(error: unknown): void
}

/**
 * At most one group commit per this many ms: a worker running one job at a time records a row every
 * fraction of a millisecond, and one commit each would be most of what an attempt costs.
 */
const GROUP_MS = 2

/**
 * Groups history writes: the runs recorded in one turn of the event loop (and, under load, within
 * {@link GROUP_MS} of the last group) are inserted in one write transaction, and retention is applied
 * once for the group. A lone run is written in the next turn.
 */
export class RunBatch {
  readonly #db: Database.Database
  readonly #sql: Sql
  readonly #retention: Retention
  readonly #fail: (error: unknown) => unknown
  #pending: Pending[] = []
  #lastFlush = 0

  /** @param fail turns what the transaction threw into the error its callers get */
  constructor(db: Database.Database, sql: Sql, retention: Retention, fail: (error: unknown) => unknown) {
    this.#db = db
    this.#sql = sql
    this.#retention = retention
    this.#fail = fail
  }

  /** Records `row` in the next group; resolves once its transaction committed. */
  add(row: RunRow): Promise<RunRecord> {
    return new Promise((resolve, reject) => {
      if (this.#pending.length === 0) {
        const wait = this.#lastFlush + GROUP_MS - performance.now()
        if (wait > 0) setTimeout(() => this.flush(), wait)
        else setImmediate(() => this.flush())
      }
      this.#pending.push({ row, resolve, reject })
    })
  }

  /** Writes everything waiting now, in one transaction. */
  flush(): void {
    const pending = this.#pending
    if (pending.length === 0) return
    this.#pending = []
    this.#lastFlush = performance.now()
    const results: { ok: boolean; value: unknown }[] = []
    try {
      this.#db
        .transaction(() => {
          for (const { row } of pending) {
            // One bad row fails its own caller; SQLite rolls back only that statement.
            try {
              results.push({ ok: true, value: insertRun(this.#sql, row) })
            } catch (error) {
              results.push({ ok: false, value: this.#fail(error) })
            }
          }
          const recorded = pending.filter((_, at) => results[at]?.ok).map(({ row }) => row)
          pruneHistory(this.#sql, recorded, this.#retention)
        })
        .immediate()
    } catch (error) {
      const failure = this.#fail(error)
      for (const { reject } of pending) reject(failure)
      return
    }
    pending.forEach(({ resolve, reject }, at) => {
      const { ok, value } = results[at] as { ok: boolean; value: unknown }
      if (ok) resolve(value as RunRecord)
      else reject(value)
    })
  }
}
