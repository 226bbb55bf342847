import type { Database } from 'sqlite3'

/** How often an interrupt is repeated until the statement it is meant for has returned. */
const INTERRUPT_EVERY_MS = 25

/** A row as node-sqlite3 gives it. */
export type SqliteRow = Record<string, unknown>

/** Work queued on a {@link SqliteConnection}. */
export interface SqliteJob<T> {
  /** Settles with the work, or rejects if it was cancelled before its turn. */
  done: Promise<T>
  /** Drops the work if it has not started; otherwise interrupts its statement on the database. */
  cancel(): void
}

/**
 * One node-sqlite3 connection whose statements run one at a time, in order. node-sqlite3 runs each
 * statement on libuv's thread pool, so the event loop never waits for SQLite; running them one at a
 * time keeps a slow statement to one pool thread, keeps the main thread off the connection's mutex,
 * and lets `sqlite3_interrupt` stop exactly the statement it is meant for.
 */
export class SqliteConnection {
  private tail: Promise<unknown> = Promise.resolve()
  private current: { interrupt: () => void } | undefined
  private closed = false

  constructor(private readonly db: Database) {}

  /**
   * Runs `work` with this connection to itself, after everything queued before it. `work` is told
   * whether the job was cancelled meanwhile, so it starts no further statement.
   */
  schedule<T>(work: (cancelled: () => boolean) => Promise<T>): SqliteJob<T> {
    let cancelled = false
    let started = false
    let repeat: NodeJS.Timeout | undefined
    const interrupt = () => {
      this.db.interrupt()
      // An interrupt that lands while the statement is still being prepared is forgotten by SQLite
      // when it starts stepping; repeat it until the work is over.
      repeat ??= setInterval(() => this.db.interrupt(), INTERRUPT_EVERY_MS)
    }
    const turn = this.tail.then(async () => {
      if (this.closed) throw new Error('the datasource was closed before the statement started')
      if (cancelled) throw new Error('the statement was cancelled before it started')
      started = true
      this.current = { interrupt }
      try {
        return await work(() => cancelled || this.closed)
      } finally {
        this.current = undefined
        clearInterval(repeat)
      }
    })
    this.tail = turn.catch(() => undefined)
    return {
      done: turn,
      cancel: () => {
        cancelled = true
        if (started && this.current?.interrupt === interrupt) interrupt()
      },
    }
  }

  /** Every row of one statement (the caller holds the connection through {@link schedule}). */
  all(sql: string, values: unknown[]): Promise<SqliteRow[]> {
    return new Promise((resolve, reject) => {
      this.db.all(sql, values, (error: Error | null, rows: SqliteRow[]) => {
        if (error) reject(driverError(error))
        else resolve(rows)
      })
    })
  }

  /**
   * The rows of one statement, each handed to `take` as node-sqlite3 delivers it (it reads ahead on
   * its thread, without waiting for them to be taken). When `take` throws, the statement is
   * interrupted, the rows still arriving are dropped and the promise rejects with that error.
   */
  each(sql: string, values: unknown[], take: (row: SqliteRow) => void): Promise<void> {
    return new Promise((resolve, reject) => {
      let failure: { error: unknown } | undefined
      const fail = (error: unknown) => {
        failure ??= { error }
      }
      // The last rows arrive with the completion, a failure before the finalize: settle after both.
      let pending = 2
      const settle = () => {
        if (--pending > 0) return
        if (failure) reject(failure.error)
        else resolve()
      }
      const statement = this.db.prepare(sql, (error: Error | null) => {
        // A statement that failed to prepare calls nothing queued on it.
        if (error) reject(driverError(error))
      })
      statement.each(
        values,
        (error: Error | null, row: SqliteRow) => {
          if (failure) return
          if (error) return fail(driverError(error))
          try {
            take(row)
          } catch (stop) {
            fail(stop)
            this.db.interrupt()
          }
        },
        settle,
      )
      statement.finalize(settle)
    })
  }

  /** Runs a statement that returns no rows: the rows it changed and the connection's last rowid. */
  run(sql: string, values: unknown[]): Promise<{ changes: number; lastID: number }> {
    return new Promise((resolve, reject) => {
      this.db.run(sql, values, function (error: Error | null) {
        if (error) reject(driverError(error))
        else resolve({ changes: this.changes, lastID: this.lastID })
      })
    })
  }

  /** Sets one of SQLite's run-time limits (`sqlite3.LIMIT_*`). */
  limit(id: number, value: number): void {
    this.db.configure('limit', id, value)
  }

  /** Interrupts the running statement, drops the queued ones, then closes the database. */
  async close(): Promise<void> {
    this.closed = true
    this.current?.interrupt()
    await this.tail
    await new Promise<void>((resolve, reject) => {
      this.db.close((error) => (error ? reject(driverError(error)) : resolve()))
    })
  }
}

/** node-sqlite3 prefixes its messages with the code (`SQLITE_ERROR: no such table: t`); the code stays in `code`. */
function driverError(error: Error): Error {
  const code = (error as { code?: unknown }).code
  const message = error.message.replace(/^SQLITE_[A-Z_]+: /, '')
  return Object.assign(new Error(message, { cause: error }), typeof code === 'string' ? { code } : {})
}
