import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ErrorCodes } from '@quantum/ast'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Datasources } from '../../src/index'
import { createDatasources } from '../../src/services'
import { failure } from '../support/failure'

const URL = process.env.MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test'
const TABLE = `q_test_${randomBytes(6).toString('hex')}_users`
const SLEEP = `SELECT SLEEP(10) AS ${TABLE}_sleep`

let home: string
let datasources: Datasources

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'quantum-mysql-'))
  datasources = createDatasources(
    { main: { driver: 'mariadb', url: URL, max: 4 }, other: { driver: 'mysql', url: URL, max: 1 } },
    { home },
  )
  await query(`CREATE TABLE ${TABLE} (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(50) NOT NULL, age INT)`)
})

afterAll(async () => {
  await query(`DROP TABLE IF EXISTS ${TABLE}`).catch(() => {})
  await datasources?.close()
  rmSync(home, { recursive: true, force: true })
})

function query(sql: string, params: Record<string, unknown> = {}, extra = {}) {
  return datasources.query({ datasource: 'main', sql, params, ...extra })
}

async function sleepingThreads() {
  const result = await datasources.query({
    datasource: 'other',
    sql: 'SELECT id FROM information_schema.PROCESSLIST WHERE INFO = :info',
    params: { info: SLEEP },
  })
  return result.rows
}

describe('MySQL/MariaDB datasource', () => {
  it('inserts and reports the new id and affected rows', async () => {
    const first = await query(`INSERT INTO ${TABLE} (name, age) VALUES (:name, :age)`, {
      name: 'Ada',
      age: 36,
    })
    expect(first).toMatchObject({ rows: [], columns: [], affectedRows: 1 })
    expect(first.lastInsertId).toBeGreaterThan(0)
    const second = await query(`INSERT INTO ${TABLE} (name, age) VALUES (:name, :age)`, {
      name: 'Grace',
      age: 45,
    })
    expect(second.lastInsertId).toBe((first.lastInsertId as number) + 1)
  })

  it('selects rows and columns with named parameters', async () => {
    const result = await query(
      `SELECT name, age, ':literal' AS lit FROM ${TABLE} WHERE age >= :min OR name = :min ORDER BY name`,
      { min: 30 },
    )
    expect(result.columns).toEqual(['name', 'age', 'lit'])
    expect(result.rows).toEqual([
      { name: 'Ada', age: 36, lit: ':literal' },
      { name: 'Grace', age: 45, lit: ':literal' },
    ])
    expect(result.affectedRows).toBe(0)
    expect(result.lastInsertId).toBeNull()
  })

  it('honours maxRows', async () => {
    const result = await query(`SELECT name FROM ${TABLE} ORDER BY name`, {}, { maxRows: 1 })
    expect(result.rows).toEqual([{ name: 'Ada' }])
  })

  it('reports rows changed by UPDATE and DELETE, with no id', async () => {
    await query(`INSERT INTO ${TABLE} (name, age) VALUES ('Temp', 1), ('Temp', 2)`)
    const updated = await query(`UPDATE ${TABLE} SET age = age + 1 WHERE name = :name`, { name: 'Temp' })
    expect(updated).toMatchObject({ affectedRows: 2, lastInsertId: null })
    expect((await query(`DELETE FROM ${TABLE} WHERE name = 'Temp'`)).affectedRows).toBe(2)
  })

  it('binds booleans as 1/0 and objects as JSON', async () => {
    const result = await query('SELECT :flag AS flag, :obj AS obj', { flag: true, obj: { a: 1 } })
    expect(result.rows).toEqual([{ flag: 1, obj: '{"a":1}' }])
  })

  it('turns driver errors into RUNTIME_QUERY with the driver message', async () => {
    const error = await failure(query(`SELECT nope FROM ${TABLE}`))
    expect(error.code).toBe(ErrorCodes.RUNTIME_QUERY)
    expect(error.message).toBe("Query failed on 'main': Unknown column 'nope' in 'SELECT'")
    expect(error.details).toMatchObject({ datasource: 'main', driverCode: 'ER_BAD_FIELD_ERROR' })
  })

  it('times out a slow statement and kills it on the server', async () => {
    const running = failure(query(SLEEP, {}, { timeoutMs: 500 }))
    await expect.poll(async () => (await sleepingThreads()).length, { timeout: 5000 }).toBe(1)
    const error = await running
    expect(error.code).toBe(ErrorCodes.RUNTIME_QUERY)
    expect(error.message).toBe("Query failed on 'main': timed out after 500 ms")
    await expect.poll(async () => (await sleepingThreads()).length, { timeout: 5000 }).toBe(0)
    expect((await query('SELECT 1 AS ok')).rows).toEqual([{ ok: 1 }])
  })

  it('aborts a running statement through the signal', async () => {
    const controller = new AbortController()
    const running = failure(query(SLEEP, {}, { signal: controller.signal }))
    await expect.poll(async () => (await sleepingThreads()).length, { timeout: 5000 }).toBe(1)
    controller.abort()
    const error = await running
    expect(error.code).toBe(ErrorCodes.RUNTIME_ABORTED)
    await expect.poll(async () => (await sleepingThreads()).length, { timeout: 5000 }).toBe(0)
  })
})
