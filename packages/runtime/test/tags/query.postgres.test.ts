import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Datasources } from '../../src/index'
import { createDatasources } from '../../src/services'
import { run, runError } from '../helpers'

const BASE_URL = process.env.DATABASE_URL ?? 'postgres://127.0.0.1:5432/test'
const SCHEMA = `q_tags_${randomBytes(6).toString('hex')}`

let home: string
let admin: pg.Client
let datasources: Datasources

function inSchema(url: string): string {
  const parsed = new URL(url)
  parsed.searchParams.set('options', `-c search_path=${SCHEMA}`)
  return parsed.toString()
}

/** The URL for the setup client: like libpq (and the datasource), the OS user when none is given. */
function withUser(url: string): string {
  const parsed = new URL(url)
  if (parsed.username || process.env.PGUSER || process.env.USER) return url
  parsed.username = userInfo().username
  return parsed.toString()
}

/** What another client sees in the test schema. */
async function stored(sql: string, values: unknown[] = []) {
  return (await admin.query(sql.replaceAll('$schema', SCHEMA), values)).rows
}

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'quantum-tags-pg-'))
  admin = new pg.Client({ connectionString: withUser(BASE_URL) })
  await admin.connect()
  await admin.query(`CREATE SCHEMA ${SCHEMA}`)
})

afterAll(async () => {
  try {
    await admin?.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`)
  } finally {
    rmSync(home, { recursive: true, force: true })
    await admin?.end()
  }
})

beforeEach(async () => {
  datasources = createDatasources({ db: { driver: 'postgres', url: inSchema(BASE_URL), max: 4 } }, { home })
  await admin.query(`DROP TABLE IF EXISTS ${SCHEMA}.orders, ${SCHEMA}.items`)
  await admin.query(
    `CREATE TABLE ${SCHEMA}.orders (id SERIAL PRIMARY KEY, customer TEXT NOT NULL, total NUMERIC(10, 2) NOT NULL, status TEXT NOT NULL DEFAULT 'new')`,
  )
})

afterEach(async () => {
  await datasources.close()
})

const exec = (source: string, options: Parameters<typeof run>[1] = {}) =>
  run(source, { services: { datasources }, ...options })

describe('q:query on PostgreSQL', () => {
  it('runs in the test schema', async () => {
    const result = await exec(
      '<q:query name="where" datasource="db">SELECT current_schema() AS schema</q:query><q:return value="{where.schema}"/>',
    )
    expect(result.result).toBe(SCHEMA)
  })

  it('inserts with RETURNING id, gives insertId, and selects the rows back', async () => {
    const result = await exec(
      `
      <q:loop type="array" var="order" items="{orders}">
        <q:query name="newOrder" datasource="db">
          INSERT INTO orders (customer, total) VALUES (:customer, :total) RETURNING id
          <q:param name="customer" value="{order.customer}"/>
          <q:param name="total" value="{order.total}" type="decimal"/>
        </q:query>
        <li>{order.customer}: #{newOrder.insertId} ({newOrder.recordCount})</li>
      </q:loop>
      <q:query name="paid" datasource="db">
        UPDATE orders SET status = 'paid' WHERE total &gt;= :min
        <q:param name="min" value="20" type="decimal"/>
      </q:query>
      <q:query name="all" datasource="db">SELECT id, customer, status FROM orders ORDER BY id</q:query>
      <p>{paid.recordCount} paid; {all.recordCount} orders, first {all.customer}, last {all[2].customer} is {all[2].status}</p>
    `,
      {
        params: {
          orders: [
            { customer: 'Ada', total: '12.50' },
            { customer: 'Grace', total: 30 },
            { customer: 'Linus', total: 99.99 },
          ],
        },
      },
    )
    const rows = await stored('SELECT id, customer, total, status FROM $schema.orders ORDER BY id')
    expect(rows).toEqual([
      { id: rows[0]?.id, customer: 'Ada', total: '12.50', status: 'new' },
      { id: (rows[0]?.id as number) + 1, customer: 'Grace', total: '30.00', status: 'paid' },
      { id: (rows[0]?.id as number) + 2, customer: 'Linus', total: '99.99', status: 'paid' },
    ])
    const [ada, grace, linus] = rows.map((row) => row.id as number)
    expect(result.output).toContain(`<li>Ada: #${ada} (1)</li>`)
    expect(result.output).toContain(`<li>Grace: #${grace} (1)</li>`)
    expect(result.output).toContain(`<li>Linus: #${linus} (1)</li>`)
    expect(result.output).toContain('<p>2 paid; 3 orders, first Ada, last Linus is paid</p>')
  })

  it('converts parameters by type: integer, decimal with scale, boolean, datetime, json', async () => {
    await admin.query(
      `CREATE TABLE ${SCHEMA}.items (id SERIAL PRIMARY KEY, qty INTEGER, price NUMERIC, active BOOLEAN, due TIMESTAMPTZ, meta JSONB)`,
    )
    const result = await exec(
      `
      <q:query name="added" datasource="db">
        INSERT INTO items (qty, price, active, due, meta) VALUES (:qty, :price, :active, :due, :meta) RETURNING id
        <q:param name="qty" value="{ratio * 10}" type="integer"/>
        <q:param name="price" value="{price}" type="decimal" scale="2"/>
        <q:param name="active" value="yes" type="boolean"/>
        <q:param name="due" value="2026-01-02T05:04:05+02:00" type="datetime"/>
        <q:param name="meta" value="{meta}" type="json"/>
      </q:query>
      <q:query name="sent" datasource="db">
        SELECT CAST(:active AS text) AS active, CAST(:due AS text) AS due, CAST(:meta AS text) AS meta
        <q:param name="active" value="on" type="boolean"/>
        <q:param name="due" value="2026-01-02T05:04:05+02:00" type="datetime"/>
        <q:param name="meta" value="{meta}" type="json"/>
      </q:query>
      <q:query name="item" datasource="db">
        SELECT qty, price, active, meta FROM items WHERE id = :id
        <q:param name="id" value="{added.insertId}" type="integer"/>
      </q:query>
      <p>#{added.insertId} sent {sent.active} {sent.due}</p>
      <p>{item.qty} {item.price} {item.active} {item.meta.tags[1]} {item.meta.size}</p>
    `,
      { params: { ratio: 4.27, price: '2.71828', meta: { tags: ['red', 'blue'], size: 3 } } },
    )
    const rows = await stored('SELECT id, qty, price, active, due, meta FROM $schema.items')
    expect(rows).toEqual([
      {
        id: rows[0]?.id,
        qty: 42,
        price: '2.72',
        active: true,
        due: new Date('2026-01-02T03:04:05Z'),
        meta: { tags: ['red', 'blue'], size: 3 },
      },
    ])
    expect(result.output).toContain(`<p>#${rows[0]?.id} sent true 2026-01-02T03:04:05.000Z</p>`)
    expect(JSON.parse((result.variables.sent as { meta: string }[])[0]?.meta ?? '')).toEqual({
      tags: ['red', 'blue'],
      size: 3,
    })
    expect(result.output).toContain('<p>42 2.72 true blue 3</p>')
  })

  it('rejects a value that does not fit its type before sending it', async () => {
    const error = await runError(
      `<q:query name="x" datasource="db">
  SELECT * FROM orders WHERE id = :id
  <q:param name="id" value="{id}" type="integer"/>
</q:query>`,
      { services: { datasources }, params: { id: '7; DROP TABLE orders' } },
    )
    expect(error.code).toBe('RUNTIME_PARAM')
    expect(error.message).toContain("Cannot convert '7; DROP TABLE orders' to integer")
    expect(await stored(`SELECT to_regclass('$schema.orders') IS NOT NULL AS present`)).toEqual([
      { present: true },
    ])
  })

  it('reports a constraint violation as RUNTIME_QUERY with the driver code, at the tag', async () => {
    const error = await runError(
      `<q:component name="Test">
  <q:query datasource="db">INSERT INTO orders (customer, total) VALUES ('Ada', 1)</q:query>
  <q:query datasource="db">
    INSERT INTO orders (customer, total) VALUES (:customer, 2)
  </q:query>
</q:component>`,
      { services: { datasources }, params: { customer: null } },
    )
    expect(error.code).toBe('RUNTIME_QUERY')
    expect(error.message).toContain('null value in column "customer"')
    expect(error.details).toMatchObject({ datasource: 'db', driverCode: '23502' })
    expect(error.location).toBe('test.q:3:3')
    // The first statement ran (autocommit) before the second failed.
    expect(await stored('SELECT customer FROM $schema.orders')).toEqual([{ customer: 'Ada' }])
  })

  it('times out a slow statement with timeout= and cancels it on the server', async () => {
    const marker = `q_timeout_${randomBytes(4).toString('hex')}`
    const started = Date.now()
    const error = await runError(
      `<q:query name="slow" datasource="db" timeout="300ms">SELECT pg_sleep(10), '${marker}' AS marker</q:query>`,
      { services: { datasources } },
    )
    expect(error.code).toBe('RUNTIME_QUERY')
    expect(error.message).toContain('timed out after 300 ms')
    expect(Date.now() - started).toBeLessThan(3000)
    await expect.poll(() => running(marker), { timeout: 5000 }).toBe(0)
  })

  it('cancels a running statement on the server when the run is aborted', async () => {
    const marker = `q_abort_${randomBytes(4).toString('hex')}`
    const controller = new AbortController()
    const started = Date.now()
    const failing = runError(
      `<q:query name="slow" datasource="db">SELECT pg_sleep(10), '${marker}' AS marker</q:query>
       <q:query datasource="db">INSERT INTO orders (customer, total) VALUES ('after abort', 1)</q:query>`,
      { services: { datasources }, signal: controller.signal },
    )
    await expect.poll(() => running(marker), { timeout: 5000 }).toBe(1)
    controller.abort()
    const error = await failing
    expect(error.code).toBe('RUNTIME_ABORTED')
    expect(Date.now() - started).toBeLessThan(5000)
    await expect.poll(() => running(marker), { timeout: 5000 }).toBe(0)
    expect(await stored('SELECT customer FROM $schema.orders')).toEqual([])
  })
})

/** How many statements containing `marker` run on the server (other than this one). */
async function running(marker: string): Promise<number> {
  const rows = await stored(
    "SELECT count(*)::int AS n FROM pg_stat_activity WHERE state = 'active' AND pid <> pg_backend_pid() AND query LIKE '%' || $1 || '%'",
    [marker],
  )
  return rows[0]?.n as number
}
