import { realpathSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import type Database from 'better-sqlite3'
import { type FileIdentity, fileIdentity, inspectStateFile, noRoom } from './stateFile'
import { createFolder } from './stateFolder'
import { WriteTurn } from './writeTurn'

/** How to open the connection (the first opener's driver is used; the longest busy timeout wins). */
export interface StateDatabaseOptions {
  /** How long a write waits for another process's write before failing, in ms. */
  busyTimeoutMs: number
}

/**
 * One process's connection to a state database, shared by everything that opens the same file here (the
 * store and the embedded queue): SQLite drops a connection's whole page cache whenever another connection
 * wrote, so two connections taking turns would each read the file afresh, and their writes could not share
 * a transaction. Each opener holds a reference and releases it; the last release closes the connection.
 */
export interface StateDatabase {
  readonly db: Database.Database
  /** The transaction every write of this turn shares. */
  readonly turn: WriteTurn
  /** The file this connection opened (a deleted or replaced file has another). */
  readonly identity: FileIdentity
  /** Gives this reference back; the connection closes with the last one. */
  release(): void
}

interface Shared {
  db: Database.Database
  turn: WriteTurn
  identity: FileIdentity
  busyTimeoutMs: number
  references: number
}

const open = new Map<string, Shared>()

/**
 * Opens (or joins this process's open connection to) the SQLite file at `path`, in WAL mode, creating its
 * folder. The caller migrates its own tables, and releases the reference when that fails.
 */
export function openStateDatabase(
  Sqlite: typeof Database,
  path: string,
  options: StateDatabaseOptions,
): StateDatabase {
  createFolder(dirname(path))
  const key = join(realpathSync(dirname(path)), basename(path))
  let shared = open.get(key)
  if (!shared?.db.open) {
    // Opening an empty file beside a WAL deletes that WAL: refuse a truncated database before SQLite does.
    const damaged = inspectStateFile(path)
    if (damaged) throw damaged
    const db = new Sqlite(path)
    try {
      db.pragma(`busy_timeout = ${options.busyTimeoutMs}`)
      db.pragma('journal_mode = WAL')
      db.pragma('synchronous = NORMAL')
      db.pragma('foreign_keys = ON')
      // A checkpoint syncs the file twice and copies each page once however often it changed: every
      // 10,000 pages rather than SQLite's 1,000, a busy queue pays a tenth of the syncs and copies hot
      // pages (the ready index, the newest rows) once instead of ten times. The WAL file grows to ~40 MB.
      db.pragma('wal_autocheckpoint = 10000')
    } catch (error) {
      db.close()
      throw inspectStateFile(path) ?? noRoom(path, error) ?? error
    }
    shared = {
      db,
      turn: new WriteTurn(db),
      identity: fileIdentity(path),
      busyTimeoutMs: options.busyTimeoutMs,
      references: 0,
    }
    open.set(key, shared)
  } else {
    const damaged = inspectStateFile(path, shared.identity)
    if (damaged) throw damaged
  }
  if (options.busyTimeoutMs > shared.busyTimeoutMs) {
    shared.busyTimeoutMs = options.busyTimeoutMs
    shared.db.pragma(`busy_timeout = ${options.busyTimeoutMs}`)
  }
  shared.references++
  const held = shared
  let released = false
  return {
    db: held.db,
    turn: held.turn,
    identity: held.identity,
    release() {
      if (released) return
      released = true
      if (--held.references > 0) return
      if (open.get(key) === held) open.delete(key)
      held.turn.flush()
      if (held.db.open) held.db.close()
    },
  }
}
