import { closeSync, existsSync, openSync, readSync, type Stats, statfsSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import { ErrorCodes, type QuantumError } from '@quantum/ast'
import { coded, storeUnavailable } from '../internal/errors'

/** The first 16 bytes of every SQLite database file. */
const MAGIC = 'SQLite format 3\u0000'

/** Which file a connection opened: a file deleted or replaced under it has another identity. */
export interface FileIdentity {
  dev: number
  ino: number
}

/** The identity of the file at `path` now. */
export function fileIdentity(path: string): FileIdentity {
  const { dev, ino } = statSync(path)
  return { dev, ino }
}

/**
 * What is wrong with the state database file at `path`, or undefined when it looks like a database. A
 * connection keeps working from its cache and WAL for a while after its file was truncated or
 * overwritten, so a worker looks at the file itself. `opened`: the identity it had when this process
 * opened it (a deleted or replaced file is then named as such).
 */
export function inspectStateFile(path: string, opened?: FileIdentity): QuantumError | undefined {
  let stats: Stats
  try {
    stats = statSync(path)
  } catch {
    return opened
      ? storeUnavailable(`The state database ${path} was deleted while this process had it open`, { path })
      : undefined
  }
  if (opened && (stats.dev !== opened.dev || stats.ino !== opened.ino))
    return storeUnavailable(`The state database ${path} was replaced while this process had it open`, {
      path,
    })
  if (stats.size === 0) {
    // An empty file is a new database, unless a connection's WAL index is beside it (or it was not empty when opened).
    if (!opened && !existsSync(`${path}-shm`) && !existsSync(`${path}-wal`)) return undefined
    return corrupt(path, 'it is empty (0 bytes) though it was in use: it was truncated')
  }
  const header = readHeader(path)
  if (header === undefined || header === MAGIC) return undefined
  return corrupt(path, 'it is not a SQLite database (its header was overwritten)')
}

function corrupt(path: string, why: string): QuantumError {
  return coded(
    ErrorCodes.STORE_CORRUPT,
    `The state database ${path} is damaged: ${why}. Restore it from a backup, or remove it (with its -wal and -shm files) to start afresh`,
    { path },
  )
}

function readHeader(path: string): string | undefined {
  let fd: number | undefined
  try {
    fd = openSync(path, 'r')
    const buffer = Buffer.alloc(MAGIC.length)
    const read = readSync(fd, buffer, 0, buffer.length, 0)
    return buffer.toString('latin1', 0, read)
  } catch {
    return undefined // unreadable now: the connection's own error will say why
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

/**
 * A `STORE_FULL` error when the disk holding `path` has no room left, else undefined. SQLite cannot even
 * open a database there (it creates its WAL files first), and says only "disk I/O error".
 */
export function noRoom(path: string, cause: unknown): QuantumError | undefined {
  try {
    if (statfsSync(dirname(path)).bavail > 0) return undefined
  } catch {
    return undefined
  }
  return coded(
    ErrorCodes.STORE_FULL,
    `The disk holding the state database ${path} is full: free some space and try again`,
    { path },
    cause,
  )
}
