import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runInChild } from '../support/childRun'

// Found in issue 19's sweep: a SQLite datasource whose folder is under /proc made the run hang forever
// (Node's recursive mkdir loops where a folder refuses a child with ENOENT), deaf to SIGTERM. Each run
// is a child process killed after 20 s, so a hang fails the test instead of the runner.

let dir: string

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'quantum-hostile-folders-'))
})

afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

const QUERY = '<q:query name="q" datasource="db">SELECT 1 AS one</q:query><q:return value="{q[0].one}"/>'

async function withDatabaseAt(path: string) {
  return runInChild(
    { source: QUERY, home: dir, datasources: { db: { driver: 'sqlite', path } } },
    { heapMb: 256, timeoutMs: 20_000 },
  )
}

describe('hostile: a datasource folder that cannot be created fails at once', () => {
  it.each([
    ['under /proc', '/proc/quantum-hostile/app.db', '/proc/quantum-hostile'],
    ['deeper under /proc', '/proc/self/quantum/deeper/app.db', '/proc/self/quantum/deeper'],
  ])(
    '%s: a coded error naming the folder, never a hang',
    async (_, path, folder) => {
      const outcome = await withDatabaseAt(path)
      expect(outcome.message).toContain(`Cannot create the folder ${folder}`)
      expect(outcome.code).toMatch(/^RUNTIME_/)
      expect(outcome.ms).toBeLessThan(15_000)
    },
    30_000,
  )

  it('a parent that is a file says so', async () => {
    writeFileSync(join(dir, 'plain'), 'x')
    const outcome = await withDatabaseAt(join(dir, 'plain', 'sub', 'app.db'))
    expect(outcome.message).toContain(`Cannot create the folder ${join(dir, 'plain', 'sub')}`)
    expect(outcome.code).toMatch(/^RUNTIME_/)
  }, 30_000)

  it('missing nested folders are still made', async () => {
    const outcome = await withDatabaseAt(join(dir, 'a', 'b', 'c', 'app.db'))
    expect(outcome.code).toBeUndefined()
    expect(outcome.result).toBe(1)
  }, 30_000)
})
