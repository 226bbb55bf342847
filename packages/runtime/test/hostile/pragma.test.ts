import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Datasources } from '../../src/index'
import { createDatasources } from '../../src/services'
import { run, runError } from '../helpers'

// Issue 19, item 12: `PRAGMA writable_schema` let one program corrupt the shared `db` datasource for
// every program, and `journal_mode = OFF` was accepted. Only PRAGMAs that read are allowed now.

let dir: string
let datasources: Datasources

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'quantum-hostile-pragma-'))
  datasources = createDatasources({}, { home: dir })
  await datasources.query({
    datasource: 'db',
    sql: 'CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)',
    params: {},
  })
})

afterEach(async () => {
  await datasources.close()
  rmSync(dir, { recursive: true, force: true })
})

const component = (body: string) => `<q:component name="Test">\n  ${body}\n</q:component>`

async function refused(sql: string) {
  const started = performance.now()
  const error = await runError(component(`<q:query name="q" datasource="db">${sql}</q:query>`), {
    services: { datasources },
  })
  expect(performance.now() - started).toBeLessThan(5_000)
  return error
}

/** The database is still what it was: WAL, synchronous NORMAL (1), a readable schema. */
async function intact() {
  const read = async (sql: string) => (await datasources.query({ datasource: 'db', sql, params: {} })).rows
  expect(await read('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }])
  expect(await read('PRAGMA synchronous')).toEqual([{ synchronous: 1 }])
  expect(await read("SELECT name FROM sqlite_schema WHERE type = 'table'")).toEqual([{ name: 't' }])
}

describe('hostile: PRAGMAs that can corrupt or unprotect the shared database', () => {
  it.each([
    'PRAGMA writable_schema = ON',
    'PRAGMA main.writable_schema=1',
    'pragma "writable_schema" = 1',
    'EXPLAIN PRAGMA writable_schema = 1',
    'PRAGMA journal_mode = OFF',
    'PRAGMA journal_mode(OFF)',
    'PRAGMA synchronous = OFF',
    'PRAGMA /* hidden */ foreign_keys = OFF',
    'PRAGMA locking_mode = EXCLUSIVE',
    'PRAGMA cell_size_check = OFF',
    'PRAGMA ignore_check_constraints = ON',
    'PRAGMA user_version = 7',
    "PRAGMA temp_store_directory = '/tmp'",
  ])('refuses %s with RUNTIME_QUERY at the query', async (sql) => {
    const error = await refused(sql)
    expect([error.code, error.location]).toEqual(['RUNTIME_QUERY', 'test.q:2:3'])
    expect(error.details).toMatchObject({ datasource: 'db', rule: 'sqlite.pragma' })
    expect(error.message).toMatch(/^Query failed on 'db': PRAGMA \w+ is refused: /)
    await intact()
  })

  it('names the allowed PRAGMAs, or says a setting can be read but not changed', async () => {
    expect((await refused('PRAGMA writable_schema = 1')).message).toContain(
      'a program may run only the PRAGMAs that read the schema or a setting (application_id, ',
    )
    expect((await refused('PRAGMA journal_mode = OFF')).message).toBe(
      "Query failed on 'db': PRAGMA journal_mode is refused: a program may read this setting but not change it",
    )
  })

  it('still runs the PRAGMAs that read the schema and settings', async () => {
    const result = await run(
      component(`<q:query name="cols" datasource="db">PRAGMA table_info(t)</q:query>
  <q:query name="v" datasource="db">PRAGMA user_version</q:query>
  <q:query name="fk" datasource="db">PRAGMA main.foreign_key_list('t')</q:query>
  <q:return value="{[cols.columnList, cols[1].name, v[0].user_version, fk.recordCount]}"/>`),
      { services: { datasources } },
    )
    expect(result.result).toEqual(['cid,name,type,notnull,dflt_value,pk', 'name', 0, 0])
  })
})
