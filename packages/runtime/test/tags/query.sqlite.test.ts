import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Datasources } from '../../src/index'
import { createDatasources } from '../../src/services'
import { run, runError } from '../helpers'

let home: string
let dbPath: string
let datasources: Datasources

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'quantum-tags-sqlite-'))
  dbPath = join(home, 'test.db')
  datasources = createDatasources({ db: { driver: 'sqlite', path: dbPath } }, { home })
})

afterEach(async () => {
  await datasources.close()
  rmSync(home, { recursive: true, force: true })
})

const exec = (source: string, options: Parameters<typeof run>[1] = {}) =>
  run(source, { services: { datasources }, ...options })
const fail = (source: string, options: Parameters<typeof run>[1] = {}) =>
  runError(source, { services: { datasources }, ...options })

/** The rows as another program (here: a second connection) would read them from the file. */
function stored(sql: string): unknown[] {
  const db = new Database(dbPath, { readonly: true })
  try {
    return db.prepare(sql).all()
  } finally {
    db.close()
  }
}

const USERS = `
  <q:query datasource="db">
    CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT, age INTEGER)
  </q:query>
  <q:query datasource="db">
    INSERT INTO users (name, email, age) VALUES ('Ada', 'ada@example.com', 36), ('Grace', 'grace@example.com', 45), ('Linus', 'linus@example.com', 28)
  </q:query>
`

describe('q:query on SQLite', () => {
  it('creates a table, inserts with q:param and selects the rows back', async () => {
    const result = await exec(`
      <q:query name="ddl" datasource="db">CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT, email TEXT)</q:query>
      <q:loop type="list" var="who" items="Ada,Grace">
        <q:query name="added" datasource="db">
          INSERT INTO users (name, email) VALUES (:name, :email)
          <q:param name="name" value="{who}"/>
          <q:param name="email" value="{lower(who)}@example.com"/>
        </q:query>
      </q:loop>
      <q:query name="users" datasource="db">SELECT id, name, email FROM users ORDER BY id</q:query>
      <p>{users.recordCount} rows, first {users.name} ({users.email}), second {users[1].name}, length {users.length}, meta {users_result.recordCount}, columns {users_result.columnList}</p>
      <q:return value="{users}"/>
    `)
    expect(result.output).toContain(
      '<p>2 rows, first Ada (ada@example.com), second Grace, length 2, meta 2, columns id,name,email</p>',
    )
    expect(result.result).toEqual([
      { id: 1, name: 'Ada', email: 'ada@example.com' },
      { id: 2, name: 'Grace', email: 'grace@example.com' },
    ])
    expect(stored('SELECT name, email FROM users ORDER BY id')).toEqual([
      { name: 'Ada', email: 'ada@example.com' },
      { name: 'Grace', email: 'grace@example.com' },
    ])
  })

  it('gives an INSERT its new id as insertId and lastInsertId, and its row count', async () => {
    const result = await exec(`
      ${USERS}
      <q:query name="newRow" datasource="db">
        INSERT INTO users (name, email, age) VALUES (:name, 'new@example.com', 20)
        <q:param name="name" value="Margaret"/>
      </q:query>
      <p>id={newRow.insertId} last={newRow.lastInsertId} count={newRow.recordCount} changed={newRow_result.affectedRows}</p>
      <q:query name="returned" datasource="db">
        INSERT INTO users (name, age) VALUES (:name, 50) RETURNING id, name
        <q:param name="name" value="Alan"/>
      </q:query>
      <p>returned id={returned.insertId} name={returned.name} count={returned.recordCount}</p>
      <q:query name="changed" datasource="db">UPDATE users SET age = age + 1 WHERE age &gt; 30 AND age &lt; 50</q:query>
      <p>updated={changed.recordCount} id=[{changed.insertId}]</p>
    `)
    expect(result.output).toContain('<p>id=4 last=4 count=1 changed=1</p>')
    expect(result.output).toContain('<p>returned id=5 name=Alan count=1</p>')
    expect(result.output).toContain('<p>updated=2 id=[]</p>')
    expect(stored('SELECT id, name, age FROM users ORDER BY id')).toEqual([
      { id: 1, name: 'Ada', age: 37 },
      { id: 2, name: 'Grace', age: 46 },
      { id: 3, name: 'Linus', age: 28 },
      { id: 4, name: 'Margaret', age: 20 },
      { id: 5, name: 'Alan', age: 50 },
    ])
  })

  it('also stores the result object under result="…"', async () => {
    const result = await exec(`
      ${USERS}
      <q:query name="adults" datasource="db" result="meta">SELECT name FROM users WHERE age &gt;= 30 ORDER BY name</q:query>
      <p>{meta.recordCount} {meta.columnList} {meta.success} {meta.data[1].name}</p>
    `)
    expect(result.output).toContain('<p>2 name true Grace</p>')
  })

  it('converts a q:param to its type before binding it', async () => {
    const result = await exec(
      `
      <q:query name="typed" datasource="db">
        SELECT typeof(:n) AS kind, :n + 1 AS next, :n / 2 AS half, typeof(:s) AS textKind
        <q:param name="n" value="{limit}" type="integer"/>
        <q:param name="s" value="{limit}"/>
      </q:query>
      <q:return value="{typed[0]}"/>
    `,
      { params: { limit: '41' } },
    )
    // An integer parameter is an SQLite INTEGER: integer arithmetic, not REAL.
    expect(result.result).toEqual({ kind: 'integer', next: 42, half: 20, textKind: 'text' })
  })

  it('binds an integer parameter where SQLite requires an INTEGER (LIMIT)', async () => {
    const result = await exec(
      `
      ${USERS}
      <q:query name="page" datasource="db">
        SELECT name FROM users ORDER BY name LIMIT :size
        <q:param name="size" value="{size}" type="integer"/>
      </q:query>
      <q:set name="offset" value="{1}"/>
      <q:query name="rest" datasource="db">SELECT name FROM users ORDER BY name LIMIT 5 OFFSET :offset</q:query>
      <p>{page.recordCount}: {page[0].name}, {page[1].name} / {rest.recordCount}: {rest[0].name}</p>
    `,
      { params: { size: '2' } },
    )
    expect(result.output).toContain('<p>2: Ada, Grace / 2: Grace</p>')
  })

  it('fails with RUNTIME_PARAM when a q:param value does not convert', async () => {
    const error = await fail(
      `<q:component name="Test">
  <q:query datasource="db">CREATE TABLE users (id INTEGER PRIMARY KEY)</q:query>
  <q:query name="one" datasource="db">
    SELECT * FROM users WHERE id = :id
    <q:param name="id" value="{id}" type="integer"/>
  </q:query>
</q:component>`,
      { params: { id: 'abc' } },
    )
    expect(error.code).toBe('RUNTIME_PARAM')
    expect(error.message).toBe(
      "Query 'one': Parameter 'id' validation failed: Cannot convert 'abc' to integer",
    )
    // At the offending q:param.
    expect(error.location).toBe('test.q:5:5')
  })

  it('fails with RUNTIME_NOT_FOUND, rather than binding the {text}, when a q:param names nothing', async () => {
    const error = await fail(`<q:component name="Test">
  <q:query datasource="db">CREATE TABLE notes (body TEXT)</q:query>
  <q:query name="add" datasource="db">
    INSERT INTO notes (body) VALUES (:body)
    <q:param name="body" value="{form_body}"/>
  </q:query>
</q:component>`)
    expect(error.code).toBe('RUNTIME_NOT_FOUND')
    expect(error.message).toBe("Query 'add': the value of q:param 'body', {form_body}, is not defined")
    expect(error.location).toBe('test.q:5:5')
    expect(stored('SELECT body FROM notes')).toEqual([])
  })

  it('binds null for a nullable q:param, and rejects null otherwise', async () => {
    const result = await exec(
      `
      <q:query datasource="db">CREATE TABLE notes (body TEXT)</q:query>
      <q:query datasource="db">
        INSERT INTO notes (body) VALUES (:body)
        <q:param name="body" value="{nothing}" null="true"/>
      </q:query>
      <q:query datasource="db">
        INSERT INTO notes (body) VALUES (:body)
        <q:param name="body" value="{notDefinedAnywhere}" null="true"/>
      </q:query>
      <q:try>
        <q:query datasource="db">
          INSERT INTO notes (body) VALUES (:body)
          <q:param name="body" value="{nothing}" type="integer"/>
        </q:query>
        <q:catch var="e"><q:set name="failure" value="{e.message}" scope="component"/></q:catch>
      </q:try>
    `,
      { params: { nothing: null } },
    )
    expect(stored('SELECT body FROM notes')).toEqual([{ body: null }, { body: null }])
    expect(result.variables.failure).toBe(
      "Query: Parameter 'body' validation failed: Parameter cannot be null",
    )
  })

  it('binds a :name without q:param from the variable of the same name', async () => {
    const result = await exec(`
      ${USERS}
      <q:set name="wanted" value="grace@example.com"/>
      <q:set name="minAge" value="{40}"/>
      <q:query name="found" datasource="db">SELECT name FROM users WHERE email = :wanted AND age &gt; :minAge</q:query>
      <p>{found.recordCount}:{found.name}</p>
    `)
    expect(result.output).toContain('<p>1:Grace</p>')
  })

  it('fails with RUNTIME_NOT_FOUND naming a :name that has neither a q:param nor a variable', async () => {
    const error = await fail(`
      ${USERS}
      <q:query name="found" datasource="db">SELECT * FROM users WHERE email = :missingEmail</q:query>
    `)
    expect(error.code).toBe('RUNTIME_NOT_FOUND')
    expect(error.message).toContain(':missingEmail')
    expect(error.message).toContain("Query 'found'")
  })

  it('gives a SELECT with no rows recordCount 0 and null columns', async () => {
    const result = await exec(`
      ${USERS}
      <q:query name="none" datasource="db">SELECT name, email FROM users WHERE age &gt; 100</q:query>
      <p>count={none.recordCount} length={none.length} name=[{none.name}]</p>
      <q:if condition="{none.recordCount == 0}"><p>nobody</p></q:if>
      <q:return value="{none.name}"/>
    `)
    expect(result.output).toContain('<p>count=0 length=0 name=[]</p>')
    expect(result.output).toContain('<p>nobody</p>')
    expect(result.result).toBeNull()
  })

  it('honours maxrows', async () => {
    const result = await exec(`
      ${USERS}
      <q:query name="some" datasource="db" maxrows="2">SELECT name FROM users ORDER BY name</q:query>
      <q:return value="{some}"/>
    `)
    expect(result.result).toEqual([{ name: 'Ada' }, { name: 'Grace' }])
  })

  it('loops over a query with the shorthand: bare columns, the current row and currentRow', async () => {
    const result = await exec(`
      ${USERS}
      <q:query name="users" datasource="db">SELECT name, email FROM users ORDER BY age</q:query>
      <q:loop query="users"><li>{currentRow}. {name} {email} / {users.email}</li></q:loop>
      <p>after: {users.email}</p>
    `)
    expect(result.output).toContain(
      '<li>1. Linus linus@example.com / linus@example.com</li>\n' +
        '<li>2. Ada ada@example.com / ada@example.com</li>\n' +
        '<li>3. Grace grace@example.com / grace@example.com</li>\n',
    )
    // Outside the loop the result reads its first row again.
    expect(result.output).toContain('<p>after: linus@example.com</p>')
  })

  it('loops over a query with type="query" var items', async () => {
    const result = await exec(`
      ${USERS}
      <q:query name="users" datasource="db">SELECT name, age FROM users ORDER BY name DESC</q:query>
      <q:loop type="query" var="u" items="{users}" index="i"><li>{i}:{u.name}({u.age})</li></q:loop>
    `)
    expect(result.output).toContain('<li>0:Linus(28)</li>\n<li>1:Grace(45)</li>\n<li>2:Ada(36)</li>\n')
  })

  it('reports a driver error as RUNTIME_QUERY at the q:query tag', async () => {
    const error = await fail(`<q:component name="Test">
  <p>before</p>
    <q:query name="broken" datasource="db">SELECT * FROM no_such_table</q:query>
</q:component>`)
    expect(error.code).toBe('RUNTIME_QUERY')
    expect(error.message).toContain('no such table: no_such_table')
    expect(error.location).toBe('test.q:3:5')
  })

  it('reports an unknown datasource as RUNTIME_NOT_FOUND', async () => {
    const error = await fail('<q:query name="x" datasource="reports">SELECT 1 AS one</q:query>')
    expect(error.code).toBe('RUNTIME_NOT_FOUND')
    expect(error.message).toContain("Datasource 'reports' not found")
  })

  it('fails with RUNTIME_SERVICE_MISSING when the host gives no datasources', async () => {
    const error = await runError('<q:query name="x" datasource="db">SELECT 1 AS one</q:query>')
    expect(error.code).toBe('RUNTIME_SERVICE_MISSING')
    expect(error.message).toContain('<q:query>')
    expect(error.message).toContain('datasource')
  })
})
