/**
 * @packageDocumentation
 * The embedded queue: jobs live in the SQLite state database (`<home>/quantum.db`, next to the store's
 * tables), shared safely by every process on the machine. A claim is one atomic statement, leases are
 * fenced by a token, and writes made in the same turn of the event loop share one transaction.
 */

import { join, resolve } from 'node:path'
import { ErrorCodes, QuantumError } from '@quantum/ast'
import { openStateDatabase, STATE_DATABASE_FILE, type StateDatabase } from '@quantum/store/sqlite'
import type Database from 'better-sqlite3'
import type { QueueAdapter } from './contract'
import { EmbeddedQueue } from './embedded/embeddedQueue'
import { migrate } from './embedded/schema'
import { coded, queueError } from './internal/errors'

/** Where and how to open the embedded queue. Every option has a default. */
export interface EmbeddedQueueOptions {
  /**
   * The state folder; created when missing. The queue's tables live in its `quantum.db`.
   * @defaultValue `QUANTUM_HOME`, else `.quantum` in the working directory
   */
  home?: string
  /**
   * How long an attempt's lease lasts without a heartbeat, in ms. Running attempts renew it every third
   * of that; a worker that dies loses its jobs to another once it runs out. @defaultValue 30000
   */
  leaseMs?: number
  /**
   * How often an idle worker looks for jobs other processes enqueued, in ms (jobs enqueued through the
   * same adapter start at once). @defaultValue 100
   */
  pollMs?: number
  /** How long a write waits for another process's write before failing, in ms. @defaultValue 10000 */
  busyTimeoutMs?: number
}

/**
 * Opens the embedded queue in `<home>/quantum.db`, creating its tables when needed.
 *
 * @throws QueueError `QUEUE_CONNECTION_CLOSED` when `better-sqlite3` (an optional peer) is missing or
 *   the file cannot be opened; `QUEUE_ERROR` for a bad option
 */
export async function openEmbeddedQueue(options: EmbeddedQueueOptions = {}): Promise<QueueAdapter> {
  const home = resolve(options.home ?? process.env.QUANTUM_HOME ?? '.quantum')
  const path = join(home, STATE_DATABASE_FILE)
  const leaseMs = whole(options.leaseMs ?? 30_000, 'leaseMs', 30)
  const pollMs = whole(options.pollMs ?? 100, 'pollMs', 1)
  const busyTimeoutMs = whole(options.busyTimeoutMs ?? 10_000, 'busyTimeoutMs', 0)
  const Sqlite = await loadDriver()
  let state: StateDatabase | undefined
  try {
    // One connection per file and process, shared with the store: their writes share transactions.
    state = openStateDatabase(Sqlite, path, { busyTimeoutMs })
    migrate(state.db)
  } catch (error) {
    state?.release()
    if (QuantumError.is(error)) throw error
    throw coded(
      ErrorCodes.QUEUE_CONNECTION_CLOSED,
      `Cannot open the embedded queue in ${path}: ${(error as Error).message}`,
      { path },
      error,
    )
  }
  return new EmbeddedQueue(state, { leaseMs, pollMs })
}

function whole(value: number, name: string, min: number): number {
  if (!Number.isSafeInteger(value) || value < min)
    throw queueError(`Invalid ${name}: ${value} (an integer of at least ${min})`)
  return value
}

async function loadDriver(): Promise<typeof Database> {
  try {
    return (await import('better-sqlite3')).default
  } catch (error) {
    throw coded(
      ErrorCodes.QUEUE_CONNECTION_CLOSED,
      "Cannot open the embedded queue: the 'better-sqlite3' package is not installed (add it next to @quantum/queue)",
      { package: 'better-sqlite3' },
      error,
    )
  }
}
