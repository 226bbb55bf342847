import type { RunRow } from '../internal/rows'
import type { Retention, RunRecord } from '../store'
import { insertRun, pruneHistory } from './history'
import type { Sql } from './statements'
import type { WriteTurn } from './writeTurn'

/**
 * Groups history writes: each run is inserted lazily in the connection's shared write turn (with the
 * embedded queue's completions and claims when both share the file, else within a couple of ms of the
 * last transaction), and retention is applied once per transaction for the runs it recorded.
 */
export class RunBatch {
  readonly #sql: Sql
  readonly #retention: Retention
  readonly #fail: (error: unknown) => unknown
  readonly #turn: WriteTurn
  /** The rows inserted in the transaction now running. */
  #recorded: RunRow[] = []
  readonly #unhook: () => void

  /** @param fail turns what the transaction threw into the error its callers get */
  constructor(turn: WriteTurn, sql: Sql, retention: Retention, fail: (error: unknown) => unknown) {
    this.#turn = turn
    this.#sql = sql
    this.#retention = retention
    this.#fail = fail
    this.#unhook = turn.hook({
      before: () => {
        if (this.#recorded.length > 0) pruneHistory(this.#sql, this.#recorded, this.#retention)
      },
      after: () => {
        this.#recorded = []
      },
    })
  }

  /** Records `row` in a coming transaction; resolves once it committed. */
  add(row: RunRow): Promise<RunRecord> {
    return this.#turn
      .write(() => {
        const record = insertRun(this.#sql, row)
        this.#recorded.push(row)
        return record
      }, 'lazy')
      .catch((error: unknown) => {
        throw this.#fail(error)
      })
  }

  /** Writes what waits now and stops pruning with the turn (the store is closing). */
  close(): void {
    this.#turn.flush()
    this.#unhook()
  }
}
