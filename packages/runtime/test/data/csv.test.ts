import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createDataApp, type DataApp } from '../support/dataApp'

let app: DataApp

beforeEach(() => {
  app = createDataApp()
})

afterEach(() => app.remove())

const USERS = [
  'id,name,age,active,city',
  '1,Ada,36,true,"London, UK"',
  '2,Grace,45,no,"New York, ""NY"""',
  '3,Linus,,yes,"Helsinki',
  'Finland"',
  '4,Alan,41,false,Wilmslow',
  '',
].join('\n')

describe('q:data type="csv" from a file', () => {
  it('reads a file next to its document, typing declared columns with the runtime converter', async () => {
    app.write('jobs/data/users.csv', USERS)
    const result = await app.run(`
  <q:data name="users" source="data/users.csv" type="csv">
    <q:column name="id" type="integer"/>
    <q:column name="age" type="integer"/>
    <q:column name="active" type="boolean"/>
  </q:data>
  <q:return value="{users}"/>`)
    expect(result.result).toEqual([
      { id: 1, name: 'Ada', age: 36, active: true, city: 'London, UK' },
      { id: 2, name: 'Grace', age: 45, active: false, city: 'New York, "NY"' },
      { id: 3, name: 'Linus', age: null, active: true, city: 'Helsinki\nFinland' },
      { id: 4, name: 'Alan', age: 41, active: false, city: 'Wilmslow' },
    ])
    expect(result.variables.users_result).toMatchObject({
      success: true,
      recordCount: 4,
      source: 'data/users.csv',
      cached: false,
      error: null,
    })
    expect(typeof (result.variables.users_result as { loadTime: unknown }).loadTime).toBe('number')
  })

  it('filters, computes, sorts and limits in the order written, upstream style', async () => {
    app.write('jobs/data/users.csv', USERS)
    const result = await app.run(`
  <q:data name="top" source="data/users.csv" type="csv" result="meta">
    <q:column name="id" type="integer"/>
    <q:column name="age" type="integer"/>
    <q:column name="active" type="boolean"/>
    <q:transform>
      <q:filter condition="{active} == True"/>
      <q:compute field="label" expression="{upper(name)} + ' of ' + {city}" type="string"/>
      <q:sort by="id" order="desc"/>
      <q:limit value="1"/>
    </q:transform>
  </q:data>
  <q:if condition="{meta.success}"><p>{meta.recordCount} of {meta.source}: {top[0].label}</p></q:if>`)
    expect(result.output).toContain('<p>1 of data/users.csv: LINUS of Helsinki\nFinland</p>')
  })

  it('reads a delimiter, a header-less file named by its columns, skipped rows and a tab', async () => {
    app.write('jobs/semi.csv', 'exported by the till\n2024-01-02;12,50;coffee\n2024-01-03;3;tea\n')
    app.write('jobs/tabs.tsv', 'a\tb\n1\t2\n')
    const result = await app.run(`
  <q:data name="sales" source="semi.csv" type="csv" delimiter=";" header="false" skip_rows="1">
    <q:column name="day" type="date"/>
    <q:column name="amount"/>
    <q:column name="item"/>
  </q:data>
  <q:data name="tabs" source="tabs.tsv" type="csv" delimiter="\\t"/>
  <q:data name="raw" source="semi.csv" type="csv" delimiter=";" header="false" skipRows="1"/>
  <q:return value="{{day: formatDate(sales[0].day, 'yyyy-MM-dd'), amount: sales[0].amount, item: sales[1].item, tabs: tabs, raw: raw[1]}}"/>`)
    expect(result.result).toEqual({
      day: '2024-01-02',
      amount: '12,50',
      item: 'tea',
      tabs: [{ a: '1', b: '2' }],
      raw: { '0': '2024-01-03', '1': '3', '2': 'tea' },
    })
  })

  it('decodes the encoding it is told', async () => {
    app.write('jobs/cities.csv', Buffer.from('city,country\nS\xe3o Paulo,Brasil\n', 'latin1'))
    const result = await app.run(`
  <q:data name="cities" source="cities.csv" type="csv" encoding="iso-8859-1"/>
  <q:return value="{cities[0].city}"/>`)
    expect(result.result).toBe('São Paulo')
  })

  it('reads CSV written inline, dedented', async () => {
    const result = await app.run(`
  <q:data name="rows" type="csv">
    <q:column name="n" type="integer"/>
    <![CDATA[
      n,word
      1,"one, uno"
      2,two
    ]]>
  </q:data>
  <q:return value="{rows}"/>`)
    expect(result.result).toEqual([
      { n: 1, word: 'one, uno' },
      { n: 2, word: 'two' },
    ])
  })

  it('stops reading at a limit: a malformed row after it is never read', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => `${i},name${i}`)
    app.write('jobs/big.csv', `id,name\n${rows.join('\n')}\n7,"broken"x\n`)
    const result = await app.run(`
  <q:data name="first" source="big.csv" type="csv">
    <q:transform><q:filter condition="{id % 2 == 0}"/><q:limit value="3"/></q:transform>
  </q:data>
  <q:return value="{first}"/>`)
    expect(result.result).toEqual([
      { id: '0', name: 'name0' },
      { id: '2', name: 'name2' },
      { id: '4', name: 'name4' },
    ])
    const error = await app.fail(`
  <q:data name="all" source="big.csv" type="csv">
    <q:transform><q:sort by="id"/><q:limit value="3"/></q:transform>
  </q:data>`)
    expect(error.code).toBe('RUNTIME_DATA_FORMAT')
  })
})

describe('q:data errors', () => {
  it('places a malformed row at its file, line and column', async () => {
    app.write('jobs/bad.csv', 'id,name\n1,Ada\n2,"Gr"ace\n')
    const error = await app.fail('  <q:data name="rows" source="bad.csv" type="csv"/>')
    expect([error.code, error.location]).toEqual(['RUNTIME_DATA_FORMAT', 'jobs/import.q:2:3'])
    expect(error.message).toMatch(
      /^Malformed CSV in 'bad\.csv' at line 3, column 7: Invalid Closing Quote: got "a"/,
    )
    expect(error.details).toMatchObject({ source: 'bad.csv', format: 'CSV', line: 3, column: 7 })
  })

  it('places a row of the wrong length at its first line', async () => {
    app.write('jobs/bad.csv', 'id,name\n1,Ada\n2,"Grace\nHopper",extra\n')
    const error = await app.fail('  <q:data name="rows" source="bad.csv" type="csv"/>')
    expect(error.code).toBe('RUNTIME_DATA_FORMAT')
    expect(error.details).toMatchObject({ line: 3, column: 1 })
    expect(error.message).toContain('Invalid Record Length')
  })

  it('names the row, the column and the expected type of a value that does not convert', async () => {
    app.write('jobs/ages.csv', 'name,age\nAda,36\nGrace,"forty\nfive"\n')
    const error = await app.fail(`  <q:data name="rows" source="ages.csv" type="csv">
    <q:column name="age" type="integer"/>
  </q:data>`)
    expect([error.code, error.location]).toEqual(['RUNTIME_TYPE_ERROR', 'jobs/import.q:2:3'])
    expect(error.message).toBe(
      "'ages.csv' row 2 (line 3), column 'age': Cannot convert 'forty\nfive' to integer",
    )
    expect(error.details).toEqual({ source: 'ages.csv', row: 2, line: 3, column: 'age', expected: 'integer' })
  })

  it('refuses a declared column the header does not have', async () => {
    app.write('jobs/ages.csv', 'name,age\nAda,36\n')
    const error = await app.fail(`  <q:data name="rows" source="ages.csv" type="csv">
    <q:column name="years" type="integer"/>
  </q:data>`)
    expect(error.code).toBe('RUNTIME_DATA_FORMAT')
    expect(error.message).toBe(
      "Malformed CSV in 'ages.csv' at line 1: the header has no column 'years' (it has 'name', 'age')",
    )
  })

  it('gives a missing file RUNTIME_FILE and a way out of the app folder RUNTIME_FILE_ACCESS', async () => {
    app.write('../secret.csv', 'password\nhunter2\n')
    const missing = await app.fail('  <q:data name="rows" source="nowhere.csv" type="csv"/>')
    expect([missing.code, missing.location]).toEqual(['RUNTIME_FILE', 'jobs/import.q:2:3'])
    expect(missing.message).toBe(`Cannot read 'nowhere.csv' (${app.app}/jobs/nowhere.csv): no such file`)
    const climbing = await app.fail('  <q:data name="rows" source="../../secret.csv" type="csv"/>')
    expect([climbing.code, climbing.details?.rule]).toEqual(['RUNTIME_FILE_ACCESS', 'files.roots'])
    expect(climbing.message).toBe(
      `Data source '../../secret.csv' is refused: it is '${app.dir}/secret.csv', and a program reaches only files inside its app folder and files.roots`,
    )
    const absolute = await app.fail(`  <q:data name="rows" source="${app.dir}/secret.csv" type="json"/>`)
    expect(absolute.code).toBe('RUNTIME_FILE_ACCESS')
  })

  it('throws for q:try to catch without result=, and records the error in result= and goes on', async () => {
    app.write('jobs/bad.csv', 'id,name\n1,"x"y\n')
    const caught = await app.run(`
  <q:try>
    <q:data name="rows" source="bad.csv" type="csv"/>
    <q:catch type="RUNTIME_DATA_FORMAT" var="e"><p>caught {e.code}</p></q:catch>
  </q:try>`)
    expect(caught.output).toContain('<p>caught RUNTIME_DATA_FORMAT</p>')
    const recorded = await app.run(`
  <q:data name="rows" source="bad.csv" type="csv" result="outcome"/>
  <p>{outcome.success} {outcome.recordCount} {len(rows)} {outcome.error.code} {outcome.error.details.line}</p>`)
    expect(recorded.output).toContain('<p>false 0 0 RUNTIME_DATA_FORMAT 2</p>')
    expect(recorded.variables.outcome).toMatchObject({
      success: false,
      source: 'bad.csv',
      error: { code: 'RUNTIME_DATA_FORMAT', line: 3, column: 3, file: 'jobs/import.q' },
    })
  })
})
