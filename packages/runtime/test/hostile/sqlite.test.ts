import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Datasources } from '../../src/index'
import { createDatasources, createFiles } from '../../src/services'
import { run, runError } from '../helpers'

// Repros of issue 7: SQL that never returns, and SQL that reaches for files. Time bounds are generous
// for a busy 2-core machine; what they tell apart is "stopped" from "never returns".

/** Counts to infinity: SQLite never finishes it on its own. */
const FOREVER = 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) AS n FROM c'

let dir: string
let app: string
let home: string
let datasources: Datasources

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'quantum-hostile-sqlite-'))
  app = join(dir, 'app')
  home = join(dir, 'home')
  mkdirSync(app)
  datasources = createDatasources({}, { home })
})

afterEach(async () => {
  await datasources.close()
  rmSync(dir, { recursive: true, force: true })
})

const component = (body: string) => `<q:component name="Test">\n  ${body}\n</q:component>`

/** A run of `body` on `datasources` (the default `db`, `app.db` in the home). */
const fails = (body: string, options: Parameters<typeof run>[1] = {}) =>
  runError(component(body), { services: { datasources }, ...options })

/** Resolves once a trivial query answers: the connection is free again. */
async function answers(on: Datasources = datasources): Promise<number> {
  const started = performance.now()
  const result = await on.query({ datasource: 'db', sql: 'SELECT 1 AS one', params: {} })
  expect(result.rows).toEqual([{ one: 1 }])
  return performance.now() - started
}

describe('a recursive CTE that never returns', () => {
  it('is stopped on the database by its timeout while the other bodies of the process keep running', async () => {
    let ticks = 0
    const ticker = setInterval(() => ticks++, 10)
    const sleeper = run(
      component(
        '<q:loop type="range" var="i" from="1" to="10"><q:sleep duration="30ms"/><q:set name="n" value="{i}"/></q:loop><q:return value="{n}"/>',
      ),
    )
    const started = performance.now()
    try {
      const error = await fails(`<q:query name="q" datasource="db" timeout="300ms">${FOREVER}</q:query>`)
      expect([error.code, error.location]).toEqual(['RUNTIME_QUERY', 'test.q:2:3'])
      expect(error.message).toBe("Query failed on 'db': timed out after 300 ms")
      expect(performance.now() - started).toBeLessThan(2000)
    } finally {
      clearInterval(ticker)
    }
    // The event loop kept turning: timers fired and the sleeping body finished its loop.
    expect(ticks).toBeGreaterThan(5)
    expect((await sleeper).result).toBe(10)
    // The statement is over on the database: the next one does not queue behind it.
    expect(await answers()).toBeLessThan(1000)
  })

  it("is stopped by the run's wall time, as RUNTIME_LIMIT_EXCEEDED", async () => {
    const started = performance.now()
    const error = await fails(`<q:query name="q" datasource="db">${FOREVER}</q:query>`, {
      runtime: { limits: { maxWallTimeMs: 300 } },
    })
    expect([error.code, error.location]).toEqual(['RUNTIME_LIMIT_EXCEEDED', 'test.q:2:3'])
    expect(error.message).toBe('run exceeded its wall time of 300 ms')
    expect(performance.now() - started).toBeLessThan(2000)
    expect(await answers()).toBeLessThan(1000)
  })

  it("is stopped by the run's signal, as RUNTIME_ABORTED", async () => {
    const controller = new AbortController()
    setTimeout(() => controller.abort(new Error('shutting down')), 200)
    const started = performance.now()
    const error = await fails(`<q:query name="q" datasource="db">${FOREVER}</q:query>`, {
      signal: controller.signal,
    })
    expect([error.code, error.location]).toEqual(['RUNTIME_ABORTED', 'test.q:2:3'])
    expect(performance.now() - started).toBeLessThan(2000)
    expect(await answers()).toBeLessThan(1000)
  })

  it('leaves nothing behind when it was writing: the interrupted statement is rolled back', async () => {
    await datasources.query({ datasource: 'db', sql: 'CREATE TABLE n (x INTEGER)', params: {} })
    const error = await fails(
      `<q:query datasource="db" timeout="200ms">WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) INSERT INTO n SELECT x FROM c</q:query>`,
    )
    expect(error.code).toBe('RUNTIME_QUERY')
    const count = await datasources.query({
      datasource: 'db',
      sql: 'SELECT count(*) AS n FROM n',
      params: {},
    })
    expect(count.rows).toEqual([{ n: 0 }])
  })

  it('stops the queries waiting behind it on their own timeouts, and the close of the datasource', async () => {
    const forever = datasources.query({ datasource: 'db', sql: FOREVER, params: {} }).catch((error) => error)
    const waiting = await fails('<q:query name="q" datasource="db" timeout="200ms">SELECT 1</q:query>')
    expect(waiting.message).toBe("Query failed on 'db': timed out after 200 ms")
    const started = performance.now()
    await datasources.close()
    expect(await forever).toMatchObject({
      code: 'RUNTIME_QUERY',
      details: { driverCode: 'SQLITE_INTERRUPT' },
    })
    expect(performance.now() - started).toBeLessThan(1000)
  })
})

describe('SQL that reaches for files', () => {
  const state = () => join(home, 'quantum.db')

  it('cannot ATTACH the state database (nor any file) unless the datasource allows it', async () => {
    const error = await fails('<q:query datasource="db">ATTACH DATABASE :p AS state</q:query>', {
      params: { p: state() },
    })
    expect([error.code, error.location]).toEqual(['RUNTIME_FILE_ACCESS', 'test.q:2:3'])
    expect(error.message).toBe(
      `ATTACH '${state()}' is refused: datasource 'db' does not let programs open other database files (set "allowAttach": true on it to allow files inside the app folder and files.roots)`,
    )
    expect(error.details).toMatchObject({ path: state(), rule: 'sqlite.allowAttach' })
    expect(existsSync(state())).toBe(false)
  })

  it('cannot write a copy anywhere with VACUUM INTO', async () => {
    const copy = join(dir, 'stolen.db')
    const error = await fails(`<q:query datasource="db">VACUUM INTO '${copy}'</q:query>`)
    expect([error.code, error.details?.rule]).toEqual(['RUNTIME_FILE_ACCESS', 'sqlite.allowAttach'])
    expect(error.message).toContain(`VACUUM INTO '${copy}' is refused`)
    expect(existsSync(copy)).toBe(false)
  })

  it('still runs a plain VACUUM', async () => {
    const result = await run(
      component('<q:query name="v" datasource="db">VACUUM</q:query><q:return value="{v_result.success}"/>'),
      { services: { datasources } },
    )
    expect(result.result).toBe(true)
  })

  it('cannot make the state database a datasource', async () => {
    const onState = createDatasources({ db: { driver: 'sqlite', path: 'quantum.db' } }, { home })
    try {
      const error = await runError(component('<q:query datasource="db">SELECT 1</q:query>'), {
        services: { datasources: onState },
      })
      expect([error.code, error.details?.rule]).toEqual(['RUNTIME_FILE_ACCESS', 'state-folder'])
      expect(error.message).toBe(
        `Datasource 'db' path '${state()}' is refused: it is the state database, which is never reachable from a program`,
      )
    } finally {
      await onState.close()
    }
  })

  describe('on a datasource with allowAttach', () => {
    let allowing: Datasources

    beforeEach(() => {
      const files = createFiles({ roots: [app], denied: [home], base: app })
      allowing = createDatasources(
        { db: { driver: 'sqlite', path: join(app, 'main.db'), allowAttach: true } },
        { home, files },
      )
    })

    afterEach(async () => {
      await allowing.close()
    })

    const attach = (body: string, params: Record<string, unknown> = {}) =>
      runError(component(body), { services: { datasources: allowing }, params })

    it('attaches a file inside the app folder, a relative name being relative to the document', async () => {
      const result = await run(
        component(`<q:query datasource="db">ATTACH 'side.db' AS side</q:query>
  <q:query datasource="db">CREATE TABLE side.t (x INTEGER)</q:query>
  <q:query name="r" datasource="db">SELECT count(*) AS n FROM side.t</q:query>
  <q:return value="{r[0].n}"/>`),
        { services: { datasources: allowing } },
      )
      expect(result.result).toBe(0)
      expect(existsSync(join(app, 'side.db'))).toBe(true)
    })

    it('still cannot reach the state folder or leave the app folder', async () => {
      const onState = await attach('<q:query datasource="db">ATTACH :p AS s</q:query>', { p: state() })
      expect([onState.code, onState.details?.rule]).toEqual(['RUNTIME_FILE_ACCESS', 'state-folder'])
      const out = await attach(`<q:query datasource="db">ATTACH '../out.db' AS o</q:query>`)
      expect([out.code, out.details?.rule]).toEqual(['RUNTIME_FILE_ACCESS', 'files.roots'])
      expect(out.message).toBe(
        `ATTACH '../out.db' is refused: it is '${join(dir, 'out.db')}', and a program reaches only files inside its app folder and files.roots`,
      )
      const copy = await attach(`<q:query datasource="db">VACUUM INTO '/tmp/quantum-copy.db'</q:query>`)
      expect(copy.details?.rule).toBe('files.roots')
      expect(existsSync(join(dir, 'out.db'))).toBe(false)
    })

    it('refuses a file name it cannot check (an expression)', async () => {
      const error = await attach(`<q:query datasource="db">ATTACH 'si' || 'de.db' AS side</q:query>`)
      expect(error.code).toBe('RUNTIME_FILE_ACCESS')
      expect(error.message).toContain(
        'only a file name written as a literal or passed as one :param can be checked',
      )
    })
  })
})

describe('more than one statement in one query', () => {
  it('is an error, not a silently skipped second statement', async () => {
    const error = await fails('<q:query datasource="db">CREATE TABLE a (x INTEGER); DROP TABLE a</q:query>')
    expect([error.code, error.location]).toEqual(['RUNTIME_QUERY', 'test.q:2:3'])
    expect(error.message).toContain('more than one statement')
  })
})
