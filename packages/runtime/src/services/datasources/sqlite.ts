import { dirname } from 'node:path'
import { ErrorCodes, RuntimeError } from '@quantum/ast'
import type { Database } from 'sqlite3'
import { fileAccessDenied } from '../files/errors'
import { makeFolder } from '../files/makeFolder'
import { bindNamedParameters } from '../sql/bind'
import type { Files, QueryRequest, QueryResult } from '../types'
import { whileNotCancelled } from './cancel'
import { loadOptionalDriver } from './loadDriver'
import { ResultBudget } from './resultBudget'
import { SqliteConnection, type SqliteRow } from './sqliteConnection'
import { checkPragma } from './sqlitePragmas'
import { inspectSqlite, type SqliteStatementShape, sqlString, withoutTrailingSemicolons } from './sqliteText'
import { asId, elapsedSince, isInsert, placeholderValues, rowsResult } from './statement'
import type { Driver } from './types'

/** What an opened SQLite datasource may do. */
export interface SqliteOptions {
  /** The database file (absolute), or `:memory:`. */
  path: string
  /** Let statements `ATTACH` databases and `VACUUM INTO` files (inside the file rules). */
  allowAttach: boolean
  /** The rules an attached or written file is held to; without them no file can be attached. */
  files?: Files | undefined
}

/** Statements whose change count SQLite reports as their own (without RETURNING, they return no rows). */
const CHANGES = new Set(['INSERT', 'UPDATE', 'DELETE', 'REPLACE'])
/** Statements that never change a row: no change count to read after them. */
const READERS = new Set(['SELECT', 'VALUES', 'EXPLAIN'])
/** Statements that can stand inside `SELECT * FROM (…)`. */
const SUBQUERIES = new Set(['SELECT', 'VALUES', 'WITH'])

type Sqlite3 = typeof import('sqlite3')

/** One open database: its connection and the change counter SQLite keeps for it. */
interface OpenSqlite {
  sqlite3: Sqlite3
  connection: SqliteConnection
  options: SqliteOptions
  /** `total_changes()` after the last statement; undefined when a failed statement left it unknown. */
  total: number | undefined
}

/**
 * Opens (creating if needed) a SQLite database with node-sqlite3 (imported on first use; `sqlite3` is
 * an optional peer dependency), in WAL mode with a 30 s busy timeout. Statements run off the main
 * thread, one at a time; a statement that times out or is aborted is stopped with `sqlite3_interrupt`.
 * `ATTACH` and `VACUUM INTO` fail (`RUNTIME_FILE_ACCESS`) unless `allowAttach`, and then reach only
 * files the {@link Files} rules allow.
 */
export async function openSqlite(name: string, options: SqliteOptions): Promise<Driver> {
  const sqlite3 = await loadOptionalDriver<Sqlite3>(name, 'sqlite3', () => import('sqlite3'))
  if (options.path !== ':memory:' && options.path !== '') {
    makeFolder(dirname(options.path))
  }
  const db = await new Promise<Database>((resolve, reject) => {
    const opened: Database = new sqlite3.Database(options.path, (error) =>
      error ? reject(error) : resolve(opened),
    )
  })
  const connection = new SqliteConnection(db)
  db.configure('busyTimeout', 30_000)
  // Attaching is how a statement would open a file of its choosing; the engine itself refuses it.
  if (!options.allowAttach) connection.limit(sqlite3.LIMIT_ATTACHED, 0)
  try {
    // NORMAL is WAL's safe setting, and what better-sqlite3 (the earlier driver) was built with.
    await connection.schedule(async () => {
      await connection.all('PRAGMA journal_mode = WAL', [])
      await connection.all('PRAGMA synchronous = NORMAL', [])
    }).done
  } catch (error) {
    await connection.close()
    throw error
  }
  const open: OpenSqlite = { sqlite3, connection, options, total: 0 }
  return {
    query: (request) => runSqlite(open, request),
    close: () => connection.close(),
  }
}

async function runSqlite(open: OpenSqlite, request: QueryRequest): Promise<QueryResult> {
  const shape = inspectSqlite(request.sql)
  if (shape.more) {
    throw new RuntimeError(
      ErrorCodes.RUNTIME_QUERY,
      `Query failed on '${request.datasource}': the text holds more than one statement (SQLite runs one per query)`,
      { details: { datasource: request.datasource } },
    )
  }
  checkPragma(shape, request.datasource)
  const sql = shape.target === undefined ? request.sql : await confineFile(open, shape, request)
  const { text, names } = bindNamedParameters(sql, (name) =>
    isWideInteger(request.params[name]) ? 'CAST(? AS INTEGER)' : '?',
  )
  const values = placeholderValues(names, request.params, request.datasource, toSqliteValue)
  const job = open.connection.schedule((cancelled) => execute(open, shape, text, values, request, cancelled))
  return whileNotCancelled(job.done, {
    datasource: request.datasource,
    signal: request.signal,
    timeoutMs: request.timeoutMs,
    cancel: job.cancel,
  })
}

async function execute(
  open: OpenSqlite,
  shape: SqliteStatementShape,
  text: string,
  values: unknown[],
  request: QueryRequest,
  cancelled: () => boolean,
): Promise<QueryResult> {
  const { connection } = open
  const budget = new ResultBudget(request)
  // SQLite refuses a longer string or blob before it builds one (UTF-8 takes up to 3 bytes per character).
  connection.limit(open.sqlite3.LIMIT_LENGTH, Math.min(3 * budget.maxLength, MAX_SQLITE_LENGTH))
  const start = performance.now()
  try {
    if (CHANGES.has(shape.keyword) && !shape.returning) {
      // The statement is the last INSERT/UPDATE/DELETE: SQLite's counts are its own.
      const { changes, lastID } = await connection.run(text, values)
      open.total = undefined
      const rowid = isInsert(request.sql) && changes > 0 && lastID > 0 ? asId(lastID) : null
      return {
        rows: [],
        columns: [],
        affectedRows: changes,
        lastInsertId: rowid,
        executionTime: elapsedSince(start),
      }
    }
    const reads = READERS.has(shape.keyword)
    if (!reads && open.total === undefined) open.total = (await changes(connection)).total
    const rows = await withAttachSlot(open, shape, () =>
      readRows(connection, shape, text, values, request.maxRows, budget, cancelled),
    )
    let columns = Object.keys(rows[0] ?? {})
    if (columns.length === 0 && SUBQUERIES.has(shape.keyword) && !cancelled()) {
      columns = await columnsOf(connection, text, values)
    }
    const counted = reads || cancelled() ? undefined : await changes(connection)
    // A statement changed rows only if total_changes() moved: changes() keeps the last DML's count.
    const changed = counted !== undefined && counted.total !== open.total
    if (counted) open.total = counted.total
    const executionTime = elapsedSince(start)
    if (columns.length > 0) return rowsResult(request.sql, rows, columns, request.maxRows, executionTime)
    const affectedRows = changed ? (counted?.changes ?? 0) : 0
    // SQLite keeps the connection's last rowid across statements; only an insert makes it this one's.
    const rowid = isInsert(request.sql) ? asId(counted?.rowid) : null
    return {
      rows: [],
      columns: [],
      affectedRows,
      lastInsertId: affectedRows > 0 && !(typeof rowid === 'number' && rowid <= 0) ? rowid : null,
      executionTime,
    }
  } catch (error) {
    open.total = undefined
    throw (error as { code?: unknown }).code === 'SQLITE_TOOBIG' ? budget.valueTooLong() : error
  }
}

/**
 * Runs `work`; for a plain VACUUM on a datasource without `allowAttach`, with the one attachment slot
 * it needs (it attaches a temporary copy of the database) open meanwhile.
 */
async function withAttachSlot<T>(
  open: OpenSqlite,
  shape: SqliteStatementShape,
  work: () => Promise<T>,
): Promise<T> {
  if (shape.keyword !== 'VACUUM' || open.options.allowAttach) return work()
  open.connection.limit(open.sqlite3.LIMIT_ATTACHED, 1)
  try {
    return await work()
  } finally {
    open.connection.limit(open.sqlite3.LIMIT_ATTACHED, 0)
  }
}

/**
 * The statement's rows, counted against `budget` as they arrive (past it, the statement is
 * interrupted). With `maxRows` a query is read as `SELECT * FROM (…) LIMIT n`, so SQLite stops
 * after n rows instead of producing every row for them to be dropped here. Without it a query is
 * read with `LIMIT maxQueryRows + 1` appended (which keeps its column names): node-sqlite3 reads
 * ahead of the rows taken here, so without a bound of SQLite's own it could build many more rows
 * before the budget sees the first one too many.
 */
async function readRows(
  connection: SqliteConnection,
  shape: SqliteStatementShape,
  text: string,
  values: unknown[],
  maxRows: number | undefined,
  budget: ResultBudget,
  cancelled: () => boolean,
): Promise<SqliteRow[]> {
  const read = async (sql: string) => {
    const rows: SqliteRow[] = []
    await connection.each(sql, values, (row) => {
      budget.add(row)
      rows.push(row)
    })
    return rows
  }
  const statement = withoutTrailingSemicolons(text)
  let limited: string | undefined
  if (maxRows !== undefined && SUBQUERIES.has(shape.keyword)) {
    limited = `SELECT * FROM (\n${statement}\n) LIMIT ${Math.max(0, Math.trunc(maxRows))}`
  } else if (shape.query) {
    limited = `${statement}\nLIMIT ${budget.maxRows + 1}`
  }
  if (limited === undefined) return read(text)
  try {
    return await read(limited)
  } catch (error) {
    // `WITH … INSERT` cannot be a subquery, a query with a LIMIT of its own takes no second one: run
    // it as written (and report its own errors).
    if (cancelled() || (error as { code?: unknown }).code !== 'SQLITE_ERROR') throw error
    return read(text)
  }
}

/**
 * The column names of a query that returned no row, from a `LIMIT 0` copy of it (which SQLite stops
 * before running): an empty result still has its columns. `[]` when the statement is not a query.
 */
async function columnsOf(connection: SqliteConnection, text: string, values: unknown[]): Promise<string[]> {
  const probe = `SELECT q.* FROM (SELECT 1) LEFT JOIN (SELECT * FROM (\n${withoutTrailingSemicolons(text)}\n) LIMIT 0) AS q`
  try {
    return Object.keys((await connection.all(probe, values))[0] ?? {})
  } catch {
    return []
  }
}

interface Changes {
  changes: number
  total: number
  rowid: string | null
}

/** SQLite's change counters: a statement changed rows only if `total_changes()` moved. */
async function changes(connection: SqliteConnection): Promise<Changes> {
  const [row] = await connection.all(
    'SELECT changes() AS changes, total_changes() AS total, CAST(last_insert_rowid() AS TEXT) AS rowid',
    [],
  )
  return row as unknown as Changes
}

/**
 * The SQL with the file an `ATTACH` or `VACUUM INTO` names checked against the file rules and written
 * in as its real absolute path (so a relative name is relative to the document, as everywhere).
 *
 * @throws RuntimeError `RUNTIME_FILE_ACCESS` naming the file and the rule
 */
async function confineFile(
  open: OpenSqlite,
  shape: SqliteStatementShape,
  request: QueryRequest,
): Promise<string> {
  const what = shape.vacuumInto ? 'VACUUM INTO' : 'ATTACH'
  const target = shape.target
  const given = target?.param ? request.params[target.value] : target?.value
  const shown = typeof given === 'string' ? given : '(an expression)'
  const refuse = (why: string) =>
    fileAccessDenied(what, shown, why, 'sqlite.allowAttach', { datasource: request.datasource })
  if (!open.options.allowAttach) {
    throw refuse(
      `datasource '${request.datasource}' does not let programs open other database files (set "allowAttach": true on it to allow files inside the app folder and files.roots)`,
    )
  }
  if (!target || typeof given !== 'string') {
    throw refuse('only a file name written as a literal or passed as one :param can be checked')
  }
  // No file behind these: a temporary or in-memory database.
  if (given === '' || given === ':memory:') return request.sql
  if (!open.options.files) throw refuse('this host gives no file rules (RuntimeServices.files)')
  const fileRequest =
    request.file === undefined
      ? { path: given, purpose: what }
      : { path: given, from: request.file, purpose: what }
  const real = await open.options.files.resolveWritable(fileRequest)
  return request.sql.slice(0, target.start) + sqlString(real) + request.sql.slice(target.end)
}

const INT32_MAX = 2 ** 31 - 1
/** SQLite's own ceiling for `SQLITE_LIMIT_LENGTH` (its default, `SQLITE_MAX_LENGTH`). */
const MAX_SQLITE_LENGTH = 1_000_000_000

/** An integer node-sqlite3 would bind as a REAL (it binds 32-bit integers only): bound as text and cast. */
function isWideInteger(value: unknown): boolean {
  return (
    typeof value === 'bigint' ||
    (typeof value === 'number' && Number.isSafeInteger(value) && Math.abs(value) > INT32_MAX)
  )
}

/**
 * SQLite binds numbers, text, blobs and null only. Wider integers go as text into `CAST(? AS
 * INTEGER)` so `LIMIT :n` gets an INTEGER and `:a / :b` divides integers.
 */
function toSqliteValue(value: unknown): unknown {
  if (value === undefined || value === null) return null
  if (isWideInteger(value)) return String(value)
  if (typeof value === 'boolean') return value ? 1 : 0
  if (value instanceof Date) return value.toISOString()
  if (Buffer.isBuffer(value)) return value
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength)
  if (typeof value === 'object') return JSON.stringify(value)
  return value
}
