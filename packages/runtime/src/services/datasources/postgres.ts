import { userInfo } from 'node:os'
import type { QueryResult as PgResult, Pool, PoolClient, Query } from 'pg'
import { bindNamedParameters } from '../sql/bind'
import type { QueryRequest, QueryResult } from '../types'
import { connectUnlessAborted, whileNotCancelled } from './cancel'
import { loadOptionalDriver } from './loadDriver'
import { ResultBudget } from './resultBudget'
import { type Row, RowStream } from './rowStream'
import { elapsedSince, limitRows, placeholderValues, returnedId } from './statement'
import type { Driver, PostgresDatasourceConfig } from './types'

const COUNTED_COMMANDS = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE', 'COPY'])

/**
 * Opens a `pg` pool (imported on first use; `pg` is an optional peer dependency). A statement that
 * times out or is aborted is cancelled on the server with `pg_cancel_backend` and its connection is
 * discarded.
 */
export async function openPostgres(name: string, config: PostgresDatasourceConfig): Promise<Driver> {
  const pg = await loadOptionalDriver<typeof import('pg')>(name, 'pg', () => import('pg'))
  const pool: Pool = new pg.Pool({
    connectionString: withDefaultUser(config.url),
    max: config.max ?? 10,
  })
  // An idle connection that drops emits here; the next query gets a fresh one, so only keep the
  // process from crashing on an unhandled 'error' event.
  pool.on('error', () => {})
  return {
    query: (request) => runPostgres(pool, pg.Query, request),
    close: () => pool.end(),
  }
}

/**
 * Like libpq: with no user in the URL or the environment, connect as the operating-system user.
 * (pg lets the URL's empty user override a separate `user` option, so the name goes into the URL.)
 */
function withDefaultUser(connectionString: string): string {
  if (process.env.PGUSER || process.env.USER) return connectionString
  try {
    const url = new URL(connectionString)
    if (url.username !== '' || url.searchParams.has('user')) return connectionString
    url.username = encodeURIComponent(userInfo().username)
    return url.toString()
  } catch {
    // Not a URL (or no OS user): let pg report what is wrong with it.
    return connectionString
  }
}

type QueryClass = typeof Query<Row>

async function runPostgres(pool: Pool, Query: QueryClass, request: QueryRequest): Promise<QueryResult> {
  const { text, names } = bindNamedParameters(request.sql, 'dollar')
  const values = placeholderValues(names, request.params, request.datasource, (value) => value ?? null)
  const client = await connectUnlessAborted(pool.connect(), request.datasource, request.signal, (idle) =>
    idle.release(),
  )
  let discarded = false
  const cancel = () => {
    if (discarded) return
    discarded = true
    cancelBackend(pool, client)
    client.release(new Error('statement cancelled'))
  }
  const start = performance.now()
  try {
    const { result, rows } = await whileNotCancelled(
      streamRows(client, new Query({ text, values }), new ResultBudget(request), cancel),
      { datasource: request.datasource, signal: request.signal, timeoutMs: request.timeoutMs, cancel },
    )
    const executionTime = elapsedSince(start)
    const columns = (result.fields ?? []).map((field) => field.name)
    const counted = COUNTED_COMMANDS.has(result.command)
    return {
      rows: limitRows(rows, request.maxRows),
      columns,
      affectedRows: counted ? (result.rowCount ?? 0) : 0,
      lastInsertId: result.command === 'INSERT' ? returnedId(rows, columns) : null,
      executionTime,
    }
  } finally {
    if (!discarded) client.release()
  }
}

/**
 * Runs `query` on `client`, taking its rows one by one as they are parsed off the socket (pg keeps
 * none of them) and counting them against `budget`: past it, `stop` cancels the statement and drops
 * the connection, and the promise rejects with the budget's error. Several statements in one text
 * (no parameters) give one result each; the last one counts.
 */
function streamRows(
  client: PoolClient,
  query: Query<Row>,
  budget: ResultBudget,
  stop: () => void,
): Promise<{ result: PgResult<Row>; rows: Row[] }> {
  return new Promise((resolve, reject) => {
    const stream = new RowStream(budget, stop, reject)
    let current: unknown
    query.on('row', (row, result) => {
      if (result !== current) {
        current = result
        stream.rows = []
      }
      stream.take(row)
    })
    query.on('error', (error) => stream.fail(error))
    query.on('end', (raw) => {
      const results = raw as unknown as PgResult<Row> | PgResult<Row>[]
      const result = Array.isArray(results) ? (results.at(-1) as PgResult<Row>) : results
      resolve({ result, rows: result === current ? stream.rows : [] })
    })
    client.query(query)
  })
}

/** Asks the server to stop the statement running on `client`'s backend (best effort). */
function cancelBackend(pool: Pool, client: PoolClient): void {
  const pid = (client as unknown as { processID?: unknown }).processID
  if (typeof pid !== 'number') return
  pool.query('SELECT pg_cancel_backend($1)', [pid]).catch(() => {})
}
