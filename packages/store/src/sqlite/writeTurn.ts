import type Database from 'better-sqlite3'
import { asStoreError } from '../internal/errors'

interface Op {
  run(): unknown
  resolve(value: unknown): void
  reject(error: unknown): void
}

/** How one queued write went, settled after the commit. */
interface Result {
  op: Op
  ok: boolean
  value: unknown
}

/** What a user of the write turn does in and after every transaction (the queue's claims, the store's pruning). */
export interface TurnHooks {
  /** Runs inside each transaction, after the queued writes. */
  before?(): void
  /** Runs after each transaction, told whether it committed. */
  after?(committed: boolean): void
}

/** How soon a write is committed: in the next turn (`now`), or with the next transaction, within {@link LAZY_MS}. */
export type WriteUrgency = 'now' | 'lazy'

/**
 * The longest a lazy write (a history row) waits for a transaction to join: a worker running one job at
 * a time records a row every fraction of a millisecond, and a commit of its own each would cost as much
 * as the job.
 */
export const LAZY_MS = 2

/**
 * Batches the writes of one connection: every write asked for in one turn of the event loop runs in one
 * write transaction (`BEGIN IMMEDIATE`), and the promises settle after it commits. Under load hundreds of
 * enqueues, claims, completions and history rows share one commit instead of paying one each. The queue
 * and the store share the turn of a shared connection, so a job's completion, the next claim and the
 * history row of the job before commit together.
 */
export class WriteTurn {
  readonly #ops: Op[] = []
  readonly #hooks = new Set<TurnHooks>()
  readonly #transaction: Database.Transaction<(ops: Op[], hooks: TurnHooks[], results: Result[]) => void>
  #scheduled = false
  #timer: NodeJS.Timeout | undefined
  #lastFlush = 0
  readonly #name: string

  constructor(db: Database.Database) {
    this.#name = db.name
    // Made once: better-sqlite3 builds four wrappers for every transaction function.
    this.#transaction = db.transaction((ops: Op[], hooks: TurnHooks[], results: Result[]) => {
      for (const op of ops) {
        // One bad write fails its own caller; SQLite rolls back only that statement.
        try {
          results.push({ op, ok: true, value: op.run() })
        } catch (error) {
          results.push({ op, ok: false, value: asStoreError(error, 'write', this.#name) })
        }
      }
      for (const hook of hooks) hook.before?.()
    })
  }

  /** Adds hooks run with every transaction; returns how to remove them. */
  hook(hooks: TurnHooks): () => void {
    this.#hooks.add(hooks)
    return () => this.#hooks.delete(hooks)
  }

  /** Runs `write` in a coming transaction; resolves with its result once that transaction commits. */
  write<T>(write: () => T, urgency: WriteUrgency = 'now'): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#ops.push({ run: write, resolve: resolve as (value: unknown) => void, reject })
      if (urgency === 'now') this.request()
      else this.#soon()
    })
  }

  /** Makes sure a transaction runs in the next turn (for the claims of processors that became idle). */
  request(): void {
    if (this.#scheduled) return
    this.#scheduled = true
    setImmediate(() => this.flush())
  }

  /** A transaction within {@link LAZY_MS} of the last one: the next turn's if it is later than that. */
  #soon(): void {
    if (this.#scheduled || this.#timer) return
    const wait = this.#lastFlush + LAZY_MS - performance.now()
    if (wait <= 0) this.request()
    else
      this.#timer = setTimeout(() => {
        this.#timer = undefined
        this.flush()
      }, wait)
  }

  /** Runs everything queued now, in one transaction (the hooks run even when nothing is queued). */
  flush(): void {
    this.#scheduled = false
    if (this.#timer) {
      clearTimeout(this.#timer)
      this.#timer = undefined
    }
    this.#lastFlush = performance.now()
    if (this.#ops.length === 0 && this.#hooks.size === 0) return
    const ops = this.#ops.splice(0)
    const hooks = [...this.#hooks]
    const results: Result[] = []
    try {
      this.#transaction.immediate(ops, hooks, results)
    } catch (failure) {
      // The commit itself failed (a full disk, a damaged file): every write of the turn is lost, coded.
      const error = asStoreError(failure, 'write', this.#name)
      for (const op of ops) op.reject(error)
      for (const hook of hooks) hook.after?.(false)
      return
    }
    for (const { op, ok, value } of results) (ok ? op.resolve : op.reject)(value)
    for (const hook of hooks) hook.after?.(true)
  }

  /** Whether nothing waits to be written. */
  get idle(): boolean {
    return this.#ops.length === 0 && !this.#scheduled && !this.#timer
  }
}
