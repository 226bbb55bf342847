/**
 * @packageDocumentation
 * The default store: one SQLite file, `quantum.db`, in the state folder, shared safely by any number of
 * processes on one machine (WAL, write transactions taken up front, versioned migrations).
 */
import { join, resolve } from 'node:path'
import { ErrorCodes, QuantumError } from '@quantum/ast'
import type Database from 'better-sqlite3'
import { asStoreError, peerUnavailable, storeError, storeUnavailable } from './internal/errors'
import { defaultOnError } from './internal/listeners'
import { prepareRetention } from './internal/prepare'
import { checkCount } from './internal/values'
import { migrate } from './sqlite/migrations'
import { SqliteStore } from './sqlite/sqliteStore'
import { openStateDatabase, type StateDatabase } from './sqlite/stateDatabase'
import { inspectStateFile, noRoom } from './sqlite/stateFile'
import type { Store, StoreOptions } from './store'

/** The state database's file name inside the state folder. */
export const STATE_DATABASE_FILE = 'quantum.db'

/** Where and how to open the SQLite store. */
export interface SqliteStoreOptions extends StoreOptions {
  /**
   * The state folder; created when missing. `quantum.db` lives in it.
   * @defaultValue `QUANTUM_HOME`, else `.quantum` in the working directory
   */
  home?: string
  /**
   * How often a watching store looks for control events from other processes, in ms.
   * @defaultValue 100
   */
  pollMs?: number
  /**
   * How long a write waits for another process's write to finish before failing, in ms.
   * @defaultValue 10000
   */
  busyTimeoutMs?: number
}

/**
 * Opens (creating and migrating when needed) `<home>/quantum.db` as a {@link Store}.
 *
 * @throws QuantumError `STORE_UNAVAILABLE` when `better-sqlite3` (an optional peer) is not installed or
 * the file cannot be opened; `STORE_ERROR` when the file belongs to a newer `@quantum/store`
 */
export async function openSqliteStore(options: SqliteStoreOptions = {}): Promise<Store> {
  const home = resolve(options.home ?? process.env.QUANTUM_HOME ?? '.quantum')
  const path = join(home, STATE_DATABASE_FILE)
  const retention = prepareRetention(options.retention)
  const pollMs = checkCount(options.pollMs ?? 100, 'pollMs', 1)
  const busyTimeoutMs = checkCount(options.busyTimeoutMs ?? 10_000, 'busyTimeoutMs', 0)
  if (pollMs > 500)
    throw storeError(`Invalid pollMs: ${pollMs} (at most 500, so control arrives within a second)`)
  const Sqlite = await loadDriver()
  let state: StateDatabase | undefined
  try {
    state = openStateDatabase(Sqlite, path, { busyTimeoutMs })
    migrate(state.db)
  } catch (error) {
    state?.release()
    if (QuantumError.is(error)) throw error
    const fault = inspectStateFile(path) ?? noRoom(path, error) ?? asStoreError(error, 'open', path)
    if (fault.code === ErrorCodes.STORE_CORRUPT || fault.code === ErrorCodes.STORE_FULL) throw fault
    throw storeUnavailable(
      `Cannot open the state database ${path}: ${(error as Error).message}`,
      { path },
      error,
    )
  }
  return new SqliteStore(state, { retention, pollMs, onError: options.onError ?? defaultOnError })
}

export {
  openStateDatabase,
  type StateDatabase,
  type StateDatabaseOptions,
} from './sqlite/stateDatabase'
export type { FileIdentity } from './sqlite/stateFile'
export { createFolder } from './sqlite/stateFolder'
export type { TurnHooks, WriteTurn, WriteUrgency } from './sqlite/writeTurn'

async function loadDriver(): Promise<typeof Database> {
  try {
    return (await import('better-sqlite3')).default
  } catch (error) {
    throw peerUnavailable('better-sqlite3', error)
  }
}
