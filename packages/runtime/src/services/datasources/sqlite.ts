import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import type Database from 'better-sqlite3'
import { bindNamedParameters } from '../sql/bind'
import type { QueryRequest, QueryResult } from '../types'
import { queryTimedOut } from './errors'
import { loadOptionalDriver } from './loadDriver'
import { asId, elapsedSince, isInsert, isWrite, limitRows, placeholderValues, returnedId } from './statement'
import type { Driver } from './types'

/**
 * Opens (creating if needed) a SQLite database with better-sqlite3 (imported on first use; it is an
 * optional peer dependency), in WAL mode with a 30 s busy timeout. Statements run synchronously; a
 * timeout can only be detected once the statement is done.
 */
export async function openSqlite(name: string, path: string): Promise<Driver> {
  const Sqlite = await loadOptionalDriver<typeof Database>(
    name,
    'better-sqlite3',
    () => import('better-sqlite3'),
  )
  if (path !== ':memory:' && path !== '') mkdirSync(dirname(path), { recursive: true })
  const db = new Sqlite(path)
  db.pragma('journal_mode = WAL')
  db.pragma('busy_timeout = 30000')
  return {
    async query(request) {
      return runSqlite(db, request)
    },
    async close() {
      if (db.open) db.close()
    },
  }
}

function runSqlite(db: Database.Database, request: QueryRequest): QueryResult {
  const { text, names } = bindNamedParameters(request.sql, 'question')
  const values = placeholderValues(names, request.params, request.datasource, toSqliteValue)
  const start = performance.now()
  const statement = db.prepare(text)
  let result: QueryResult
  if (statement.reader) {
    const columns = statement.columns().map((column) => column.name)
    const write = isWrite(request.sql)
    const rows = write ? statement.all(...values) : readRows(statement, values, request.maxRows)
    const objects = rows as Record<string, unknown>[]
    result = {
      rows: limitRows(objects, request.maxRows),
      columns,
      affectedRows: write ? objects.length : 0,
      lastInsertId: write ? returnedId(objects, columns) : null,
      executionTime: 0,
    }
  } else {
    const info = statement.run(...values)
    // SQLite keeps the connection's last rowid across statements; only an insert makes it this one's.
    const rowid = isInsert(request.sql) ? asId(info.lastInsertRowid) : null
    result = {
      rows: [],
      columns: [],
      affectedRows: info.changes,
      lastInsertId: info.changes > 0 && !(typeof rowid === 'number' && rowid <= 0) ? rowid : null,
      executionTime: 0,
    }
  }
  result.executionTime = elapsedSince(start)
  if (request.timeoutMs !== undefined && result.executionTime > request.timeoutMs) {
    throw queryTimedOut(request.datasource, request.timeoutMs)
  }
  return result
}

/** Reads rows one by one so a `maxRows` limit stops the scan early. */
function readRows(statement: Database.Statement, values: unknown[], maxRows: number | undefined): unknown[] {
  if (maxRows === undefined) return statement.all(...values)
  const rows: unknown[] = []
  if (maxRows <= 0) return rows
  for (const row of statement.iterate(...values)) {
    rows.push(row)
    if (rows.length >= maxRows) break
  }
  return rows
}

/**
 * SQLite binds numbers, text, bigints, blobs and null only. better-sqlite3 binds every JS number as
 * REAL, so whole numbers go as bigints: `LIMIT :n` needs an INTEGER, and `:a / :b` divides integers.
 */
function toSqliteValue(value: unknown): unknown {
  if (value === undefined || value === null) return null
  if (typeof value === 'number') return Number.isSafeInteger(value) ? BigInt(value) : value
  if (typeof value === 'boolean') return value ? 1 : 0
  if (value instanceof Date) return value.toISOString()
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return value
  if (typeof value === 'object') return JSON.stringify(value)
  return value
}
