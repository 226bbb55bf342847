import type { FieldPacket, Pool, PoolConnection, ResultSetHeader } from 'mysql2/promise'
import { bindNamedParameters } from '../sql/bind'
import type { QueryRequest, QueryResult } from '../types'
import { connectUnlessAborted, whileNotCancelled } from './cancel'
import { loadOptionalDriver } from './loadDriver'
import { ResultBudget } from './resultBudget'
import { type Row, RowStream } from './rowStream'
import { asId, elapsedSince, placeholderValues, rowsResult } from './statement'
import type { Driver, MysqlDatasourceConfig } from './types'

/**
 * Opens a `mysql2` pool for MySQL or MariaDB (imported on first use; `mysql2` is an optional peer
 * dependency). A statement that times out or is aborted is stopped with `KILL QUERY` and its
 * connection is destroyed.
 */
export async function openMysql(name: string, config: MysqlDatasourceConfig): Promise<Driver> {
  const mysql = await loadOptionalDriver<typeof import('mysql2/promise')>(
    name,
    'mysql2',
    () => import('mysql2/promise'),
  )
  const pool = mysql.createPool({ uri: config.url, connectionLimit: config.max ?? 10 })
  // See postgres.ts: a dropped idle connection must not crash the process.
  pool.on('connection', (connection) => connection.on('error', () => {}))
  return {
    query: (request) => runMysql(pool, request),
    close: () => pool.end(),
  }
}

async function runMysql(pool: Pool, request: QueryRequest): Promise<QueryResult> {
  const { text, names } = bindNamedParameters(request.sql, 'question')
  const values = placeholderValues(names, request.params, request.datasource, toMysqlValue)
  const connection = await connectUnlessAborted(
    pool.getConnection(),
    request.datasource,
    request.signal,
    (idle) => idle.release(),
  )
  let discarded = false
  const cancel = () => {
    if (discarded) return
    discarded = true
    killQuery(pool, connection)
    connection.destroy()
  }
  const start = performance.now()
  try {
    const { result, fields } = await whileNotCancelled(
      streamRows(connection, text, values, new ResultBudget(request), cancel),
      { datasource: request.datasource, signal: request.signal, timeoutMs: request.timeoutMs, cancel },
    )
    const executionTime = elapsedSince(start)
    if (!Array.isArray(result)) {
      const header = result
      const id = asId(header.insertId)
      return {
        rows: [],
        columns: [],
        affectedRows: header.affectedRows ?? 0,
        lastInsertId: typeof id === 'number' && id <= 0 ? null : id,
        executionTime,
      }
    }
    const columns = fields.map((field) => field.name)
    const rows = result.map((row) => ({ ...row }))
    // MariaDB's INSERT … RETURNING answers with rows.
    return rowsResult(request.sql, rows, columns, request.maxRows, executionTime)
  } finally {
    if (!discarded) connection.release()
  }
}

/** The events of a mysql2 query run without a callback (its rows are not kept by mysql2). */
interface QueryEvents {
  on(event: 'fields', listener: (fields: FieldPacket[] | undefined) => void): QueryEvents
  on(event: 'result', listener: (row: Row | ResultSetHeader) => void): QueryEvents
  on(event: 'error', listener: (error: Error) => void): QueryEvents
  on(event: 'end', listener: () => void): QueryEvents
}

/**
 * Runs a statement on `connection`, taking its rows one by one as mysql2 parses them and counting
 * them against `budget`: past it, `stop` kills the statement and drops the connection, and the
 * promise rejects with the budget's error.
 */
function streamRows(
  connection: PoolConnection,
  sql: string,
  values: unknown[],
  budget: ResultBudget,
  stop: () => void,
): Promise<{ result: Row[] | ResultSetHeader; fields: FieldPacket[] }> {
  return new Promise((resolve, reject) => {
    const stream = new RowStream(budget, stop, reject)
    let fields: FieldPacket[] | undefined
    let header: ResultSetHeader | undefined
    const query = connection.connection.query({ sql, values }) as unknown as QueryEvents
    query.on('fields', (given) => {
      fields = given
    })
    query.on('result', (item) => {
      // A statement without a result set reports its header (affected rows, insert id) instead.
      if (fields === undefined) header = item as ResultSetHeader
      else stream.take(item as Row)
    })
    query.on('error', (error) => stream.fail(error))
    query.on('end', () => {
      if (stream.failed) return
      resolve(header ? { result: header, fields: [] } : { result: stream.rows, fields: fields ?? [] })
    })
  })
}

/** Stops the statement running on `connection`'s server thread (best effort). */
function killQuery(pool: Pool, connection: PoolConnection): void {
  const threadId = connection.threadId
  if (typeof threadId !== 'number') return
  pool.query(`KILL QUERY ${threadId}`).catch(() => {})
}

/** Plain objects would be expanded by mysql2 into `key = value` lists; bind them as JSON instead. */
function toMysqlValue(value: unknown): unknown {
  if (value === undefined) return null
  if (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Date) &&
    !Buffer.isBuffer(value) &&
    !(value instanceof Uint8Array)
  ) {
    return JSON.stringify(value)
  }
  return value
}
