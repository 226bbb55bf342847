import type Database from 'better-sqlite3'
import { asStoreError } from '../internal/errors'
import type { Listeners } from '../internal/listeners'
import type { ControlAction, RunKind } from '../store'

interface ControlRow {
  seq: number
  action: ControlAction
  kind: RunKind
  name: string
  at: string
}

/**
 * SQLite has no pub/sub: control events are rows in `quantum_control`, and a watching store reads the
 * rows past the last one it saw every `pollMs`. Reading a few rows by primary key costs microseconds,
 * so a poll several times a second keeps "within a second" with room to spare.
 */
export class ControlPoller {
  readonly #db: Database.Database
  readonly #pollMs: number
  readonly #listeners: Listeners
  readonly #onError: (error: Error) => void
  #timer: NodeJS.Timeout | undefined
  #cursor = 0
  #statement: Database.Statement | undefined

  constructor(db: Database.Database, pollMs: number, listeners: Listeners, onError: (error: Error) => void) {
    this.#db = db
    this.#pollMs = pollMs
    this.#listeners = listeners
    this.#onError = onError
  }

  /** Starts polling from the newest event now stored; events before it are not delivered. */
  start(): void {
    if (this.#timer) return
    const { seq } = this.#db.prepare('SELECT COALESCE(MAX(seq), 0) AS seq FROM quantum_control').get() as {
      seq: number
    }
    this.#cursor = seq
    this.#statement ??= this.#db.prepare('SELECT * FROM quantum_control WHERE seq > ? ORDER BY seq LIMIT 500')
    // A worker stays up for its own reasons; a watch alone must not keep a CLI process alive.
    this.#timer = setInterval(() => this.#poll(), this.#pollMs).unref()
  }

  stop(): void {
    clearInterval(this.#timer)
    this.#timer = undefined
  }

  #poll(): void {
    let rows: ControlRow[]
    try {
      rows = this.#statement!.all(this.#cursor) as ControlRow[]
    } catch (error) {
      this.#onError(asStoreError(error, 'watch', this.#db.name))
      return
    }
    for (const row of rows) {
      this.#cursor = row.seq
      this.#listeners.emit({ action: row.action, kind: row.kind, name: row.name, at: row.at })
    }
  }
}
