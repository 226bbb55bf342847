import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { run } from './run'

let dir: string

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'quantum-cli-threads-'))
})

afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

const write = (name: string, text: string) => writeFileSync(join(dir, name), text)
const component = (body: string) =>
  `<q:component name="Threads" xmlns:q="https://quantum.lang/ns">\n${body}\n</q:component>\n`

describe('quantum run with q:thread', () => {
  it('waits for the threads the run started and reports them under threads; their logs go to stderr', async () => {
    write(
      'report.q',
      component(`  <q:thread name="fetch-a"><q:sleep duration="300ms"/><q:log>fetched a</q:log><q:set name="thread.rows" value="{3}"/><q:return value="{'a'}"/></q:thread>
  <q:thread name="fetch-b" priority="high"><q:query name="n" datasource="db">SELECT 2 AS n</q:query><q:return value="{n.n}"/></q:thread>
  <p>started</p>`),
    )
    const started = performance.now()
    const result = await run(['run', 'report.q', '--format', 'json'], { cwd: dir })
    expect(performance.now() - started).toBeGreaterThanOrEqual(300)
    expect(result.code).toBe(0)
    const json = JSON.parse(result.stdout)
    expect(json.output).toBe('<p>started</p>\n')
    expect(json.threads['fetch-a']).toMatchObject({
      name: 'fetch-a',
      status: 'COMPLETED',
      result: 'a',
      rows: 3,
      priority: 'normal',
      error: null,
    })
    expect(json.threads['fetch-b']).toMatchObject({ status: 'COMPLETED', result: 2, priority: 'high' })
    expect(json.threads['fetch-a'].elapsedTime).toBeGreaterThanOrEqual(300)
    expect(result.stderr).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \[INFO\] \[thread:fetch-a\] fetched a\n$/)
  })

  it('threads.max in quantum.config.json bounds the bodies running at once', async () => {
    write('quantum.config.json', '{ "threads": { "max": 1, "workers": 1 } }')
    write(
      'queue.q',
      component(`  <q:thread name="a"><q:sleep duration="100ms"/></q:thread>
  <q:thread name="b"><q:return value="{1}"/></q:thread>
  <q:return value="{[thread.a.status, thread.b.status]}"/>`),
    )
    const result = await run(['run', 'queue.q', '--format', 'json'], { cwd: dir })
    expect(result.code).toBe(0)
    const json = JSON.parse(result.stdout)
    expect(json.result).toEqual(['RUNNING', 'NOT_STARTED'])
    expect([json.threads.a.status, json.threads.b.status]).toEqual(['COMPLETED', 'COMPLETED'])
  })

  it('Ctrl-C terminates the running threads cleanly: nothing after it runs, the run exits 1', async () => {
    write(
      'slow.q',
      component(
        `  <q:thread name="slow"><q:log>begun</q:log><q:sleep duration="30s"/><q:log>never</q:log></q:thread>`,
      ),
    )
    const controller = new AbortController()
    setTimeout(() => controller.abort(new Error('interrupted by SIGINT')), 500)
    const started = performance.now()
    const result = await run(['run', 'slow.q', '--format', 'json'], { cwd: dir, signal: controller.signal })
    expect(performance.now() - started).toBeLessThan(5000)
    expect(result.code).toBe(1)
    expect(JSON.parse(result.stdout).threads.slow).toMatchObject({
      status: 'TERMINATED',
      error: { code: 'THREAD_TERMINATED', message: "Thread 'slow' was terminated" },
    })
    expect(result.stderr).toContain('[thread:slow] begun')
    expect(result.stderr).not.toContain('never')
    expect(result.stderr).toContain(
      '{"error":{"code":"RUNTIME_ABORTED","message":"interrupted by SIGINT; the threads still running were terminated"',
    )
  })
})
