import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { run } from './run'

// Issue 19, item 1: `SELECT zeroblob(1000000000)` aborted Node (heap out of memory), and
// zeroblob(200000000) printed `CLI_INTERNAL: Invalid array length` with no location.

let dir: string

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'quantum-cli-query-hostile-'))
})

afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

const blob = (size: number) => `<q:component name="Blob" xmlns:q="https://quantum.lang/ns">
  <q:query name="q">SELECT zeroblob(${size}) AS b</q:query>
  <q:return value="{q.recordCount}"/>
</q:component>
`

describe('quantum run: a query that returns a huge blob', () => {
  it('ends with RUNTIME_LIMIT_EXCEEDED at the query, for 1e9 and 2e8 bytes', {
    timeout: 60_000,
  }, async () => {
    for (const size of [1_000_000_000, 200_000_000]) {
      writeFileSync(join(dir, 'blob.q'), blob(size))
      const before = process.memoryUsage().rss
      const result = await run(['run', 'blob.q', '--home', join(dir, 'home')], { cwd: dir })
      expect(result.code).toBe(1)
      expect(result.stderr.split('\n')[0]).toBe(
        "blob.q:2:3: error RUNTIME_LIMIT_EXCEEDED: Query on 'db' returned a value of more than 10000000 characters or bytes (limits.maxValueLength)",
      )
      expect((process.memoryUsage().rss - before) / 1e6).toBeLessThan(200)
    }
  })
})
