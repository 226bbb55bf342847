import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ErrorCodes } from '@quantum/ast'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Datasources } from '../../src/index'
import { createDatasources } from '../../src/services'
import { failure } from '../support/failure'

const BASE_URL = process.env.DATABASE_URL ?? 'postgres://127.0.0.1:5432/test'
const SCHEMA = `q_test_${randomBytes(6).toString('hex')}`

let home: string
let admin: Datasources
let datasources: Datasources

function withSearchPath(url: string, schema: string): string {
  const parsed = new URL(url)
  parsed.searchParams.set('options', `-c search_path=${schema}`)
  return parsed.toString()
}

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'quantum-pg-'))
  admin = createDatasources({ admin: { driver: 'postgres', url: BASE_URL, max: 2 } }, { home })
  await admin.query({ datasource: 'admin', sql: `CREATE SCHEMA ${SCHEMA}`, params: {} })
  datasources = createDatasources(
    { pg: { driver: 'postgresql', url: withSearchPath(BASE_URL, SCHEMA), max: 4 } },
    { home },
  )
  await query('CREATE TABLE users (id SERIAL PRIMARY KEY, name TEXT NOT NULL, age INTEGER)')
})

afterAll(async () => {
  await datasources?.close()
  await admin?.query({ datasource: 'admin', sql: `DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`, params: {} })
  await admin?.close()
  rmSync(home, { recursive: true, force: true })
})

function query(sql: string, params: Record<string, unknown> = {}, extra = {}) {
  return datasources.query({ datasource: 'pg', sql, params, ...extra })
}

describe('PostgreSQL datasource', () => {
  it('runs in its own schema', async () => {
    expect((await query('SELECT current_schema() AS schema')).rows).toEqual([{ schema: SCHEMA }])
  })

  it('inserts with RETURNING id and reports the new id', async () => {
    const result = await query('INSERT INTO users (name, age) VALUES (:name, :age) RETURNING id, name', {
      name: 'Ada',
      age: 36,
    })
    expect(result.columns).toEqual(['id', 'name'])
    expect(result.rows).toEqual([{ id: result.lastInsertId, name: 'Ada' }])
    expect(typeof result.lastInsertId).toBe('number')
    expect(result.affectedRows).toBe(1)
  })

  it('inserts without RETURNING: no id, one affected row', async () => {
    const result = await query('INSERT INTO users (name, age) VALUES (:name, :age)', {
      name: 'Grace',
      age: 45,
    })
    expect(result).toMatchObject({ rows: [], columns: [], affectedRows: 1, lastInsertId: null })
  })

  it('selects rows and columns, binds a reused name once and keeps ::casts', async () => {
    const result = await query(
      'SELECT name, age, :tag::text AS tag FROM users WHERE age >= :min AND :min::int > 0 ORDER BY name',
      { min: 30, tag: 'x' },
    )
    expect(result.columns).toEqual(['name', 'age', 'tag'])
    expect(result.rows).toEqual([
      { name: 'Ada', age: 36, tag: 'x' },
      { name: 'Grace', age: 45, tag: 'x' },
    ])
    expect(result.affectedRows).toBe(0)
    expect(result.lastInsertId).toBeNull()
  })

  it('honours maxRows', async () => {
    const result = await query('SELECT generate_series(1, 10) AS n', {}, { maxRows: 3 })
    expect(result.rows).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }])
  })

  it('reports rows changed by UPDATE and DELETE', async () => {
    await query("INSERT INTO users (name, age) VALUES ('Temp', 1), ('Temp', 2)")
    expect(
      (await query('UPDATE users SET age = age + 1 WHERE name = :name', { name: 'Temp' })).affectedRows,
    ).toBe(2)
    expect((await query("DELETE FROM users WHERE name = 'Temp'")).affectedRows).toBe(2)
  })

  it('turns a type error into RUNTIME_QUERY with the driver message', async () => {
    const error = await failure(
      query('INSERT INTO users (name, age) VALUES (:name, :age)', { name: 'X', age: 'abc' }),
    )
    expect(error.code).toBe(ErrorCodes.RUNTIME_QUERY)
    expect(error.message).toBe(`Query failed on 'pg': invalid input syntax for type integer: "abc"`)
    expect(error.details).toMatchObject({ datasource: 'pg', driverCode: '22P02' })
    expect(error.cause).toBeInstanceOf(Error)
  })

  it('times out a slow statement and cancels it on the server', async () => {
    const started = Date.now()
    const running = failure(query('SELECT pg_sleep(10)', {}, { timeoutMs: 500 }))
    await expect.poll(async () => (await sleepingBackends()).length, { timeout: 5000 }).toBe(1)
    const error = await running
    expect(error.code).toBe(ErrorCodes.RUNTIME_QUERY)
    expect(error.message).toBe("Query failed on 'pg': timed out after 500 ms")
    expect(Date.now() - started).toBeLessThan(5000)
    await expect.poll(async () => (await sleepingBackends()).length, { timeout: 5000 }).toBe(0)
    expect((await query('SELECT 1 AS ok')).rows).toEqual([{ ok: 1 }])
  })

  it('aborts a running statement through the signal', async () => {
    const controller = new AbortController()
    const running = failure(query('SELECT pg_sleep(10)', {}, { signal: controller.signal }))
    await expect.poll(async () => (await sleepingBackends()).length, { timeout: 5000 }).toBe(1)
    controller.abort()
    const error = await running
    expect(error.code).toBe(ErrorCodes.RUNTIME_ABORTED)
    await expect.poll(async () => (await sleepingBackends()).length, { timeout: 5000 }).toBe(0)
    expect((await query('SELECT 2 AS ok')).rows).toEqual([{ ok: 2 }])
  })

  it('stops waiting for a connection from a full pool when the signal aborts', async () => {
    const single = createDatasources({ one: { driver: 'postgres', url: BASE_URL, max: 1 } }, { home })
    try {
      const busy = single.query({ datasource: 'one', sql: 'SELECT pg_sleep(0.5) AS slept', params: {} })
      const controller = new AbortController()
      const waiting = failure(
        single.query({ datasource: 'one', sql: 'SELECT 1', params: {}, signal: controller.signal }),
      )
      setTimeout(() => controller.abort(), 50)
      const started = Date.now()
      expect((await waiting).code).toBe(ErrorCodes.RUNTIME_ABORTED)
      expect(Date.now() - started).toBeLessThan(400)
      expect((await busy).rows).toEqual([{ slept: '' }])
      expect((await single.query({ datasource: 'one', sql: 'SELECT 3 AS ok', params: {} })).rows).toEqual([
        { ok: 3 },
      ])
    } finally {
      await single.close()
    }
  })

  it('does not start a statement when the signal is already aborted', async () => {
    const controller = new AbortController()
    controller.abort()
    const error = await failure(
      query("INSERT INTO users (name) VALUES ('never')", {}, { signal: controller.signal }),
    )
    expect(error.code).toBe(ErrorCodes.RUNTIME_ABORTED)
    expect((await query("SELECT count(*)::int AS n FROM users WHERE name = 'never'")).rows).toEqual([
      { n: 0 },
    ])
  })
})

async function sleepingBackends() {
  const result = await admin.query({
    datasource: 'admin',
    sql: "SELECT pid FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(10)' AND state = 'active'",
    params: {},
  })
  return result.rows
}
