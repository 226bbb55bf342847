import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createDatasources, type DatasourceConfig } from '../../src/services'
import { type ChildOutcome, runInChild } from '../support/childRun'

// Issue 19, items 1 and 3: a blob, a long string or a huge result read from a datasource used to be
// taken whole (zeroblob(1e9) aborted Node with a heap out of memory; a 20M-row SELECT reached 6.8 GB).
// Each run happens in a child process with a 1 GB heap: an abort fails the test, and the child's peak
// memory is measured. Bounds are generous for a busy 2-core machine.

const PG_URL = process.env.DATABASE_URL ?? 'postgres://127.0.0.1:5432/test'
const MYSQL_URL = process.env.MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test'

/** What a child costs whatever it runs (Node, tsx, the runtime and a driver), with a wide margin. */
const BASE_MB = 250
const HEAP = { heapMb: 1024, timeoutMs: 60_000 }

let home: string

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'quantum-hostile-results-'))
})

afterEach(() => {
  rmSync(home, { recursive: true, force: true })
})

/** Runs `<q:query datasource=…>sql</q:query>` (on line 1, column 26 of test.q) in a child. */
function query(sql: string, options: { datasource?: string; limits?: Record<string, number> } = {}) {
  const datasource = options.datasource ?? 'db'
  const servers: Record<string, Record<string, DatasourceConfig>> = {
    pg: { pg: { driver: 'postgres', url: PG_URL } },
    my: { my: { driver: 'mariadb', url: MYSQL_URL } },
  }
  const datasources = servers[datasource] ?? {}
  return runInChild(
    {
      source: `<q:query name="q" datasource="${datasource}">${sql}</q:query><q:return value="{q.recordCount}"/>`,
      home,
      datasources,
      ...(options.limits ? { limits: options.limits } : {}),
    },
    HEAP,
  )
}

function expectLimit(outcome: ChildOutcome, message: RegExp) {
  if (process.env.QUANTUM_MEASURE) console.log(outcome)
  expect([outcome.code, outcome.location]).toEqual(['RUNTIME_LIMIT_EXCEEDED', 'test.q:1:26'])
  expect(outcome.message).toMatch(message)
}

const TOO_LONG = /returned a value of more than \d+ characters or bytes \(limits\.maxValueLength\)$/
const TOO_MANY_ROWS = /returned more than 1000000 rows \(limits\.maxQueryRows\)$/

describe('hostile: a blob or a long string from SQLite counts against maxValueLength', {
  timeout: 120_000,
}, () => {
  it('zeroblob(1e9) ends with RUNTIME_LIMIT_EXCEEDED at the query, never allocated', async () => {
    const outcome = await query('SELECT zeroblob(1000000000) AS b')
    expectLimit(outcome, TOO_LONG)
    expect(outcome.message).toBe(
      "Query on 'db' returned a value of more than 10000000 characters or bytes (limits.maxValueLength)",
    )
    expect(outcome.peakMb).toBeLessThan(BASE_MB)
    expect(outcome.ms).toBeLessThan(20_000)
  })

  it('zeroblob(2e8), a 200M-character string and a 12M-character one end the same way', async () => {
    for (const sql of [
      'SELECT zeroblob(200000000) AS b',
      'SELECT hex(zeroblob(100000000)) AS s',
      'SELECT hex(zeroblob(6000000)) AS s',
    ]) {
      const outcome = await query(sql)
      expectLimit(outcome, TOO_LONG)
      expect(outcome.peakMb).toBeLessThan(BASE_MB)
    }
  })

  it('a blob over a smaller limit is refused at its size; one under it is read', async () => {
    const limits = { maxValueLength: 1_000_000 }
    expectLimit(await query('SELECT zeroblob(3000001) AS b', { limits }), TOO_LONG)
    expectLimit(await query('SELECT zeroblob(1000001) AS b', { limits }), TOO_LONG)
    expect((await query('SELECT zeroblob(1000000) AS b', { limits })).result).toBe(1)
  })
})

describe('hostile: a huge result is stopped as it arrives', { timeout: 120_000 }, () => {
  const ROWS =
    'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x &lt; 20000000) SELECT x FROM c'

  it('SQLite: 20M rows end at maxQueryRows, memory bounded', async () => {
    const outcome = await query(ROWS)
    expectLimit(outcome, TOO_MANY_ROWS)
    expect(outcome.peakMb).toBeLessThan(BASE_MB + 300)
    expect(outcome.ms).toBeLessThan(30_000)
  })

  it('SQLite: many wide rows end at maxValueLength for the values together', async () => {
    const outcome = await query(
      `WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x &lt; 100000) SELECT zeroblob(1000000) AS b FROM c`,
    )
    expectLimit(
      outcome,
      /returned more than 10000000 characters and bytes of values \(limits\.maxValueLength\)$/,
    )
    expect(outcome.peakMb).toBeLessThan(BASE_MB + 300)
  })

  const SERVERS = [
    {
      name: 'PostgreSQL',
      datasource: 'pg',
      rows: 'SELECT generate_series(1, 20000000) AS x',
      blob: "SELECT decode(repeat('ab', 2000000), 'hex') AS b",
    },
    {
      name: 'MariaDB',
      datasource: 'my',
      rows: 'SELECT seq AS x FROM seq_1_to_20000000',
      blob: "SELECT CAST(REPEAT('x', 2000000) AS BINARY) AS b",
    },
  ]

  for (const server of SERVERS) {
    it(`${server.name}: 20M rows end at maxQueryRows, memory bounded; a long blob at maxValueLength`, async () => {
      const outcome = await query(server.rows, { datasource: server.datasource })
      expectLimit(outcome, TOO_MANY_ROWS)
      expect(outcome.peakMb).toBeLessThan(BASE_MB + 300)
      expect(outcome.ms).toBeLessThan(30_000)
      const limits = { maxValueLength: 1_000_000 }
      expectLimit(await query(server.blob, { datasource: server.datasource, limits }), TOO_LONG)
    })
  }
})

describe('the LIMIT that bounds a SQLite query', () => {
  it('changes nothing but the most rows: column names, writes through WITH, a LIMIT of its own', async () => {
    const datasources = createDatasources({}, { home })
    const query = (sql: string) => datasources.query({ datasource: 'db', sql, params: {}, maxQueryRows: 3 })
    try {
      await query('CREATE TABLE t (id INTEGER)')
      const five = 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 5)'
      expect((await query(`${five} INSERT INTO t SELECT x FROM c`)).affectedRows).toBe(5)
      expect((await query('SELECT a.id, b.id AS id FROM t a JOIN t b ON a.id = b.id LIMIT 1')).rows).toEqual([
        { id: 1 },
      ])
      expect(
        (await query('SELECT a.id, b.id FROM t a JOIN t b ON b.id = a.id + 1 WHERE a.id = 1')).rows,
      ).toEqual([{ id: 2 }])
      await expect(query('SELECT id FROM t')).rejects.toMatchObject({ code: 'RUNTIME_LIMIT_EXCEEDED' })
      await expect(query('SELECT id FROM t LIMIT 10')).rejects.toMatchObject({
        code: 'RUNTIME_LIMIT_EXCEEDED',
      })
      expect((await query('SELECT id FROM t ORDER BY id DESC LIMIT 2;')).rows).toEqual([{ id: 5 }, { id: 4 }])
    } finally {
      await datasources.close()
    }
  })
})
