import { spawn, spawnSync } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { check } from '@quantum/parser'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'

const packageDir = fileURLToPath(new URL('..', import.meta.url))
const seedDir = fileURLToPath(new URL('../../../examples/seed/', import.meta.url))
const examplesDir = fileURLToPath(new URL('../../../examples/', import.meta.url))
const bin = join(packageDir, 'dist', 'bin.js')

function quantum(...args: string[]) {
  const { NO_COLOR: _, QUANTUM_HOME: __, QUANTUM_MAIL_URL: ___, ...env } = process.env
  return spawnSync(process.execPath, [bin, ...args], { cwd: packageDir, encoding: 'utf8', env })
}

let dir: string | undefined

beforeAll(() => {
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run pnpm --filter @quantum/cli... build first`)
})

afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
  dir = undefined
})

describe('the built quantum binary', () => {
  it('checks every seed example clean', () => {
    const files = readdirSync(seedDir)
      .filter((name) => name.endsWith('.q'))
      .map((name) => join(seedDir, name))
    expect(files.length).toBeGreaterThan(0)
    const result = quantum('check', ...files)
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
    expect(result.stdout).toBe(files.map((file) => `ok ${file}\n`).join(''))
  })

  it('reports a broken file and exits 1', () => {
    dir = mkdtempSync(join(tmpdir(), 'quantum-cli-bin-'))
    const file = join(dir, 'broken.q')
    const source = `<q:component name="Bad" xmlns:q="https://quantum.lang/ns">
  <q:set name="x" value="1"/>
  <q:foo/>
</q:component>
`
    writeFileSync(file, source)
    const [expected] = check(source, { file }).diagnostics
    expect(expected?.code).toBe('PARSE_UNKNOWN_TAG')

    const result = quantum('check', file)
    expect(result.status).toBe(1)
    expect(result.stdout.split('\n')[0]).toBe(`${file}:3:3: error PARSE_UNKNOWN_TAG: ${expected?.message}`)
    expect(result.stderr).toBe('1 problem in 1 file\n')
  })

  it('runs an example: output and result on stdout, exit 0', () => {
    dir = mkdtempSync(join(tmpdir(), 'quantum-cli-bin-'))
    const result = quantum('run', join(examplesDir, 'hello.q'), '--home', dir, '--param', 'name=Bin')
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
    expect(result.stdout.split('\n').slice(0, 2)).toEqual([
      '<h1 class="greeting lang-en">Hello, Bin!</h1>',
      '<p>BIN has 3 letters.</p>',
    ])
    expect(result.stdout.endsWith('\nResult: Hello, Bin!\n')).toBe(true)
  })

  it('runs SQL with the default datasource in the state folder, and logs to stderr', () => {
    dir = mkdtempSync(join(tmpdir(), 'quantum-cli-bin-'))
    const result = quantum('run', join(examplesDir, 'orders-report.q'), '--home', dir, '--format', 'json')
    expect(result.status).toBe(0)
    expect(JSON.parse(result.stdout)).toMatchObject({ component: 'OrdersReport', result: 1775.74 })
    expect(result.stderr).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \[INFO\] inserted 4 orders, last id 4\n$/)
    expect(existsSync(join(dir, 'app.db'))).toBe(true)
  })

  it('prints a run-time error with its position on stderr and exits 1', () => {
    dir = mkdtempSync(join(tmpdir(), 'quantum-cli-bin-'))
    const file = join(dir, 'divide.q')
    writeFileSync(
      file,
      `<q:component name="T" xmlns:q="https://quantum.lang/ns">\n  <q:set name="x" value="{1 / 0}"/>\n</q:component>\n`,
    )
    const result = quantum('run', file, '--home', join(dir, 'home'))
    expect(result.status).toBe(1)
    expect(result.stdout).toBe('')
    const prefix = `${file}:2:27: error RUNTIME_TYPE_ERROR: division by zero`
    expect(result.stderr.slice(0, prefix.length)).toBe(prefix)
  })

  // Issue 7: better-sqlite3 held the main thread through such a statement, so SIGTERM went unheard.
  it('ends within a second of SIGTERM while a query never returns', async () => {
    dir = mkdtempSync(join(tmpdir(), 'quantum-cli-bin-'))
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
    const child = spawn(process.execPath, [bin, 'run', file, '--home', join(dir, 'home')], { env })
    const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>
    let stderr = ''
    child.stderr.setEncoding('utf8')
    await new Promise<void>((resolve) => {
      child.stderr.on('data', (chunk: string) => {
        stderr += chunk
        if (stderr.includes('counting')) resolve()
      })
    })
    // The log line comes right before the query; give the statement time to be well under way.
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(child.exitCode).toBeNull()
    const signalled = performance.now()
    child.kill('SIGTERM')
    expect(await exited).toEqual([1, null])
    expect(performance.now() - signalled).toBeLessThan(1000)
    expect(stderr).toContain(`${file}:3:3: error RUNTIME_ABORTED: Query on 'db' was aborted`)
  })

  it('on SIGINT terminates the threads of the run cleanly, reports them and exits 1', async () => {
    dir = mkdtempSync(join(tmpdir(), 'quantum-cli-bin-'))
    const file = join(dir, 'slow.q')
    writeFileSync(
      file,
      `<q:component name="T" xmlns:q="https://quantum.lang/ns">\n  <q:thread name="slow"><q:log>begun</q:log><q:sleep duration="1m"/><q:log>never</q:log></q:thread>\n</q:component>\n`,
    )
    const { NO_COLOR: _, QUANTUM_HOME: __, ...env } = process.env
    const child = spawn(
      process.execPath,
      [bin, 'run', file, '--home', join(dir, 'home'), '--format', 'json'],
      {
        cwd: dir,
        env,
      },
    )
    let stdout = ''
    let stderr = ''
    let interrupted = false
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk
    })
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk
      if (!interrupted && stderr.includes('[thread:slow] begun')) interrupted = child.kill('SIGINT')
    })
    const [code] = (await once(child, 'close')) as [number]
    expect(code).toBe(1)
    expect(JSON.parse(stdout).threads.slow).toMatchObject({ status: 'TERMINATED' })
    expect(stderr).not.toContain('never')
    // --format json: the problem is a JSON line too.
    expect(stderr).toContain(
      '{"error":{"code":"RUNTIME_ABORTED","message":"interrupted by SIGINT; the threads still running were terminated"',
    )
  })

  it('reads XML with q:data in the built runtime (xpath loaded through Node’s ESM, not vitest’s)', () => {
    dir = mkdtempSync(join(tmpdir(), 'quantum-cli-bin-'))
    const file = join(dir, 'feed.q')
    writeFileSync(
      file,
      `<q:component name="Feed" xmlns:q="https://quantum.lang/ns">
  <q:data name="items" type="xml" xpath="//item">
    <q:field name="title" xpath="title"/>
    <q:field name="count" xpath="count(tag)" type="integer"/>
    <![CDATA[<feed><item><title>a</title><tag/><tag/></item><item><title>b</title></item></feed>]]>
  </q:data>
  <q:return value="{items}"/>
</q:component>
`,
    )
    const result = quantum('run', file, '--format', 'json', '--home', join(dir, 'state'))
    expect(result.stderr).toBe('')
    expect(JSON.parse(result.stdout).result).toEqual([
      { title: 'a', count: 2 },
      { title: 'b', count: 0 },
    ])
  })
})

describe('pnpm quantum (packages/cli/scripts/quantum-dev.mjs)', () => {
  it('builds quietly, then prints only what the command prints', () => {
    const root = fileURLToPath(new URL('../../../', import.meta.url))
    const { NO_COLOR: _, QUANTUM_HOME: __, QUANTUM_MAIL_URL: ___, ...env } = process.env
    const PATH = `${join(root, 'node_modules', '.bin')}:${env.PATH ?? ''}`
    const launcher = join(packageDir, 'scripts', 'quantum-dev.mjs')
    const result = spawnSync(process.execPath, [launcher, 'cron', 'next', '0 8 * * *', '--count', '1'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...env, PATH },
      timeout: 120_000,
    })
    expect(result.stderr).toBe('')
    expect(result.stdout).toMatch(/^\d{4}-\d\d-\d\dT08:00:00\+00:00\n$/)
    expect(result.status).toBe(0)
  }, 150_000)
})
