import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ErrorCodes } from '@quantum/ast'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Datasources } from '../../src/index'
import { createDatasources } from '../../src/services'
import { failure } from '../support/failure'

let home: string
let datasources: Datasources

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'quantum-sqlite-'))
  datasources = createDatasources({ db: { driver: 'sqlite', path: join(home, 'test.db') } }, { home })
})

afterEach(async () => {
  await datasources.close()
  rmSync(home, { recursive: true, force: true })
})

async function query(sql: string, params: Record<string, unknown> = {}, extra = {}) {
  return datasources.query({ datasource: 'db', sql, params, ...extra })
}

describe('SQLite datasource', () => {
  it('creates a table, inserts and selects', async () => {
    const created = await query('CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT, active INTEGER)')
    expect(created).toMatchObject({ rows: [], columns: [], affectedRows: 0, lastInsertId: null })

    const first = await query('INSERT INTO users (name, active) VALUES (:name, :active)', {
      name: 'Ada',
      active: true,
    })
    expect(first).toMatchObject({ rows: [], columns: [], affectedRows: 1, lastInsertId: 1 })
    const second = await query('INSERT INTO users (name, active) VALUES (:name, :active)', {
      name: 'Grace',
      active: false,
    })
    expect(second.lastInsertId).toBe(2)

    const selected = await query('SELECT id, name, active FROM users ORDER BY id')
    expect(selected.columns).toEqual(['id', 'name', 'active'])
    expect(selected.rows).toEqual([
      { id: 1, name: 'Ada', active: 1 },
      { id: 2, name: 'Grace', active: 0 },
    ])
    expect(selected.affectedRows).toBe(0)
    expect(selected.lastInsertId).toBeNull()
    expect(selected.executionTime).toBeGreaterThanOrEqual(0)
  })

  it('reports the rows an UPDATE or DELETE changed', async () => {
    await query('CREATE TABLE t (n INTEGER)')
    for (const n of [1, 2, 3]) await query('INSERT INTO t VALUES (:n)', { n })
    expect((await query('UPDATE t SET n = n * 10 WHERE n >= :min', { min: 2 })).affectedRows).toBe(2)
    const deleted = await query('DELETE FROM t')
    expect(deleted.affectedRows).toBe(3)
    expect(deleted.lastInsertId).toBeNull()
  })

  it('binds named parameters, reused names, strings with colons and JSON values', async () => {
    await query('CREATE TABLE t (a TEXT, b TEXT, c TEXT)')
    await query("INSERT INTO t VALUES (:v, :v || ':x', :obj)", { v: 'a', obj: { k: [1] } })
    const result = await query("SELECT a, b, c, ':not_a_param' AS literal FROM t WHERE a = :v", { v: 'a' })
    expect(result.rows).toEqual([{ a: 'a', b: 'a:x', c: '{"k":[1]}', literal: ':not_a_param' }])
  })

  it('binds dates as ISO text', async () => {
    const result = await query('SELECT :at AS at', { at: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)) })
    expect(result.rows).toEqual([{ at: '2024-01-02T03:04:05.000Z' }])
  })

  it('returns at most maxRows rows', async () => {
    await query('CREATE TABLE t (n INTEGER)')
    for (const n of [1, 2, 3, 4, 5]) await query('INSERT INTO t VALUES (:n)', { n })
    const result = await query('SELECT n FROM t ORDER BY n', {}, { maxRows: 2 })
    expect(result.rows).toEqual([{ n: 1 }, { n: 2 }])
    expect(result.columns).toEqual(['n'])
  })

  it('returns rows and the id from INSERT … RETURNING', async () => {
    await query('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)')
    const result = await query('INSERT INTO t (name) VALUES (:a), (:b) RETURNING id, name', {
      a: 'x',
      b: 'y',
    })
    expect(result.rows).toEqual([
      { id: 1, name: 'x' },
      { id: 2, name: 'y' },
    ])
    expect(result.affectedRows).toBe(2)
    expect(result.lastInsertId).toBe(2)
  })

  it('turns driver errors into RUNTIME_QUERY with the driver message', async () => {
    const error = await failure(query('SELECT * FROM missing_table'))
    expect(error.code).toBe(ErrorCodes.RUNTIME_QUERY)
    expect(error.message).toBe("Query failed on 'db': no such table: missing_table")
    expect(error.cause).toBeInstanceOf(Error)
  })

  it('fails when a placeholder has no value', async () => {
    const error = await failure(query('SELECT :missing'))
    expect(error.code).toBe(ErrorCodes.RUNTIME_PARAM)
    expect(error.message).toContain(':missing')
  })

  it('rejects an unknown datasource with RUNTIME_NOT_FOUND', async () => {
    const error = await failure(datasources.query({ datasource: 'nope', sql: 'SELECT 1', params: {} }))
    expect(error.code).toBe(ErrorCodes.RUNTIME_NOT_FOUND)
    expect(error.message).toBe("Datasource 'nope' not found")
  })

  it('does not run a statement when the signal is already aborted', async () => {
    await query('CREATE TABLE t (n INTEGER)')
    const controller = new AbortController()
    controller.abort()
    const error = await failure(query('INSERT INTO t VALUES (1)', {}, { signal: controller.signal }))
    expect(error.code).toBe(ErrorCodes.RUNTIME_ABORTED)
    expect((await query('SELECT count(*) AS n FROM t')).rows).toEqual([{ n: 0 }])
  })

  it('fails a statement that ran longer than timeoutMs', async () => {
    const slow = `WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 300000)
      SELECT count(*) AS n FROM c`
    const error = await failure(query(slow, {}, { timeoutMs: 1 }))
    expect(error.code).toBe(ErrorCodes.RUNTIME_QUERY)
    expect(error.message).toBe("Query failed on 'db': timed out after 1 ms")
  })

  it('names the columns of a query that returned no row', async () => {
    await query('CREATE TABLE t (id INTEGER, name TEXT)')
    const empty = await query('SELECT id, name AS who FROM t WHERE id = :id', { id: 1 })
    expect([empty.rows, empty.columns]).toEqual([[], ['id', 'who']])
    const none = await query('WITH x AS (SELECT 1 AS a) SELECT a FROM x WHERE a > 1;')
    expect(none.columns).toEqual(['a'])
  })

  it('binds integers wider than 32 bits as INTEGER', async () => {
    const result = await query('SELECT :n / 7 AS q, typeof(:n) AS t, :small / 2 AS half', {
      n: 3_000_000_000,
      small: 5,
    })
    expect(result.rows).toEqual([{ q: 428_571_428, t: 'integer', half: 2 }])
  })

  it('counts only the rows a statement changed itself (a DDL after an INSERT changed none)', async () => {
    await query('CREATE TABLE t (n INTEGER)')
    expect((await query('INSERT INTO t VALUES (1), (2), (3)')).affectedRows).toBe(3)
    const created = await query('CREATE TABLE u (n INTEGER)')
    expect([created.affectedRows, created.lastInsertId]).toEqual([0, null])
    const copied = await query('WITH c AS (SELECT n FROM t) INSERT INTO u SELECT n FROM c')
    expect(copied.affectedRows).toBe(3)
    expect((await query('SELECT count(*) AS n FROM u')).rows).toEqual([{ n: 3 }])
  })

  it('stops reading at maxRows, and runs a WITH … INSERT given maxRows as written', async () => {
    const endless = 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x FROM c'
    expect((await query(endless, {}, { maxRows: 3 })).rows).toEqual([{ x: 1 }, { x: 2 }, { x: 3 }])
    await query('CREATE TABLE t (n INTEGER)')
    const inserted = await query(
      'WITH v(n) AS (VALUES (1), (2)) INSERT INTO t SELECT n FROM v',
      {},
      { maxRows: 1 },
    )
    expect(inserted.affectedRows).toBe(2)
  })

  it('takes a trigger, whose body holds semicolons, as one statement', async () => {
    await query('CREATE TABLE t (n INTEGER)')
    await query('CREATE TABLE log (n INTEGER)')
    await query(`CREATE TRIGGER t_log AFTER INSERT ON t BEGIN
      INSERT INTO log VALUES (CASE WHEN new.n > 0 THEN new.n END);
      INSERT INTO log VALUES (0);
    END;`)
    await query('INSERT INTO t VALUES (5)')
    expect((await query('SELECT n FROM log ORDER BY rowid')).rows).toEqual([{ n: 5 }, { n: 0 }])
  })

  it('refuses a text with a second statement instead of skipping it', async () => {
    await query('CREATE TABLE t (n INTEGER)')
    const error = await failure(query('INSERT INTO t VALUES (1); -- one\n DELETE FROM t; '))
    expect(error.code).toBe(ErrorCodes.RUNTIME_QUERY)
    expect(error.message).toBe(
      "Query failed on 'db': the text holds more than one statement (SQLite runs one per query)",
    )
    expect((await query('SELECT count(*) AS n FROM t; ')).rows).toEqual([{ n: 0 }])
  })

  it('uses WAL mode', async () => {
    expect((await query('PRAGMA journal_mode')).rows).toEqual([{ journal_mode: 'wal' }])
  })
})

describe('default datasource', () => {
  it('is db, a SQLite file app.db in the home folder (created when missing)', async () => {
    const nested = join(home, 'nested', 'home')
    const defaults = createDatasources({}, { home: nested })
    try {
      const result = await defaults.query({ datasource: 'db', sql: 'SELECT 1 AS one', params: {} })
      expect(result.rows).toEqual([{ one: 1 }])
      expect(existsSync(join(nested, 'app.db'))).toBe(true)
    } finally {
      await defaults.close()
    }
  })

  it('rejects an unknown driver up front', () => {
    expect(() => createDatasources({ db: { driver: 'oracle' } as never }, { home })).toThrow(
      "Datasource 'db' has an unknown driver 'oracle'",
    )
  })
})
