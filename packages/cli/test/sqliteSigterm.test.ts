import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeAll, expect, it } from 'vitest'

// Issue 7: a recursive CTE that never returns used to ignore SIGTERM (better-sqlite3 held the main
// thread). The built binary must now stop the statement and exit within a second of the signal.

const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url))

let dir: string | undefined

beforeAll(() => {
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run pnpm --filter @quantum/cli... build first`)
})

afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
  dir = undefined
})

it('quantum run ends within a second of SIGTERM while a query never returns', async () => {
  dir = mkdtempSync(join(tmpdir(), 'quantum-cli-sigterm-'))
  const file = join(dir, 'forever.q')
  writeFileSync(
    file,
    `<q:component name="Forever" xmlns:q="https://quantum.lang/ns">
  <q:log message="counting"/>
  <q:query name="c" datasource="db">WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) AS n FROM c</q:query>
</q:component>
`,
  )
  const { NO_COLOR: _, QUANTUM_HOME: __, QUANTUM_MAIL_URL: ___, ...env } = process.env
  const child = spawn(process.execPath, [bin, 'run', file, '--home', join(dir, 'home')], { cwd: dir, env })
  let stderr = ''
  child.stderr.setEncoding('utf8')
  const logged = new Promise<void>((resolve) => {
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk
      if (stderr.includes('counting')) resolve()
    })
  })
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>
  await logged
  // The log line comes right before the query; give the statement time to be well under way.
  await new Promise((resolve) => setTimeout(resolve, 300))
  expect(child.exitCode).toBeNull()
  const signalled = performance.now()
  child.kill('SIGTERM')
  const [code, signal] = await exited
  expect(performance.now() - signalled).toBeLessThan(1000)
  expect([code, signal]).toEqual([1, null])
  expect(stderr).toContain(`${file}:3:3: error RUNTIME_ABORTED: Query on 'db' was aborted`)
})
