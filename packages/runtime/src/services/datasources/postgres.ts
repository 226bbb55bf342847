import { userInfo } from 'node:os'
import type { QueryResult as PgResult, Pool, PoolClient } from 'pg'
import { bindNamedParameters } from '../sql/bind'
import type { QueryRequest, QueryResult } from '../types'
import { connectUnlessAborted, whileNotCancelled } from './cancel'
import { loadOptionalDriver } from './loadDriver'
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
    query: (request) => runPostgres(pool, request),
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

async function runPostgres(pool: Pool, request: QueryRequest): Promise<QueryResult> {
  const { text, names } = bindNamedParameters(request.sql, 'dollar')
  const values = placeholderValues(names, request.params, request.datasource, (value) => value ?? null)
  const client = await connectUnlessAborted(pool.connect(), request.datasource, request.signal, (idle) =>
    idle.release(),
  )
  let discarded = false
  const start = performance.now()
  try {
    const raw = await whileNotCancelled(client.query({ text, values }), {
      datasource: request.datasource,
      signal: request.signal,
      timeoutMs: request.timeoutMs,
      cancel: () => {
        discarded = true
        cancelBackend(pool, client)
        client.release(new Error('statement cancelled'))
      },
    })
    const executionTime = elapsedSince(start)
    // Several statements in one text (no parameters) give one result each; the last one counts.
    const result = (Array.isArray(raw) ? raw.at(-1) : raw) as PgResult<Record<string, unknown>>
    const columns = (result.fields ?? []).map((field) => field.name)
    const counted = COUNTED_COMMANDS.has(result.command)
    return {
      rows: limitRows(result.rows ?? [], request.maxRows),
      columns,
      affectedRows: counted ? (result.rowCount ?? 0) : 0,
      lastInsertId: result.command === 'INSERT' ? returnedId(result.rows ?? [], columns) : null,
      executionTime,
    }
  } finally {
    if (!discarded) client.release()
  }
}

/** Asks the server to stop the statement running on `client`'s backend (best effort). */
function cancelBackend(pool: Pool, client: PoolClient): void {
  const pid = (client as unknown as { processID?: unknown }).processID
  if (typeof pid !== 'number') return
  pool.query('SELECT pg_cancel_backend($1)', [pid]).catch(() => {})
}
