import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { run } from './run'

const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url))

let server: Server
let base: string
let dir: string
/** Resolves when the server next receives a request. */
let arrived: Promise<void>
let onArrive: () => void = () => {}

beforeAll(async () => {
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run pnpm --filter @quantum/cli... build first`)
  server = createServer((request, response) => {
    onArrive()
    const url = new URL(request.url ?? '/', 'http://localhost')
    if (url.pathname === '/sized') {
      response.writeHead(200, { 'content-type': 'text/plain' })
      response.end('y'.repeat(Number(url.searchParams.get('bytes'))))
    } else if (url.pathname === '/trickle') {
      response.writeHead(200, { 'content-type': 'text/plain' })
      const timer = setInterval(() => response.write('.'), 50)
      response.on('close', () => clearInterval(timer))
    }
    // Anything else never answers.
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise<void>((resolve) => server.close(() => resolve()))
})

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'quantum-cli-http-'))
  arrived = new Promise((resolve) => {
    onArrive = resolve
  })
})

afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

/** A component that calls `url` on line 2 (`attributes` added to the q:invoke) and returns the answer. */
function callFile(url: string, attributes = '', body = ''): string {
  writeFileSync(
    join(dir, 'call.q'),
    `<q:component name="Call" xmlns:q="https://quantum.lang/ns">
  <q:invoke name="answer" url="${url}"${attributes}>${body}</q:invoke>
  <q:return value="{answer}"/>
</q:component>
`,
  )
  return 'call.q'
}

describe('quantum run: the http section of the configuration', () => {
  it('applies http.timeoutMs to a call that gives no timeout', async () => {
    writeFileSync(join(dir, 'quantum.config.json'), JSON.stringify({ http: { timeoutMs: 300 } }))
    const result = await run(['run', callFile(`${base}/hang`)], { cwd: dir })
    expect(result.code).toBe(1)
    expect(result.stderr.split('\n')[0]).toBe(
      `call.q:2:3: error RUNTIME_HTTP: HTTP GET ${base}/hang failed: timed out after 300 ms (the default http.timeoutMs; give q:invoke a timeout to wait longer)`,
    )
  })

  it('caps response bodies at http.maxResponseBytes', async () => {
    writeFileSync(join(dir, 'quantum.config.json'), JSON.stringify({ http: { maxResponseBytes: 4 } }))
    expect(await run(['run', callFile(`${base}/sized?bytes=4`)], { cwd: dir })).toEqual({
      code: 0,
      stdout: 'Result: yyyy\n',
      stderr: '',
    })
    const result = await run(['run', callFile(`${base}/sized?bytes=5`)], { cwd: dir })
    expect(result.code).toBe(1)
    expect(result.stderr.split('\n')[0]).toBe(
      `call.q:2:3: error RUNTIME_HTTP: HTTP GET ${base}/sized?bytes=5 failed: the response body is over the limit of 4 bytes (raise http.maxResponseBytes to allow it)`,
    )
  })

  it('caps request bodies at http.maxRequestBytes', async () => {
    writeFileSync(join(dir, 'quantum.config.json'), JSON.stringify({ http: { maxRequestBytes: 4 } }))
    const file = callFile(`${base}/sized?bytes=1`, ' method="POST"', '<q:body>12345</q:body>')
    const result = await run(['run', file], { cwd: dir })
    expect(result.code).toBe(1)
    expect(result.stderr.split('\n')[0]).toBe(
      `call.q:2:3: error RUNTIME_HTTP: HTTP POST ${base}/sized?bytes=1 failed: the request body of 5 bytes is over the limit of 4 bytes and was not sent (raise http.maxRequestBytes to allow it)`,
    )
  })
})

describe('SIGTERM to quantum run during an HTTP call', () => {
  it.each([
    ['no answer', '/hang'],
    ['a body that trickles in', '/trickle'],
  ])('%s: the process ends within a second, reporting RUNTIME_ABORTED at the tag', async (_, path) => {
    const { NO_COLOR: _color, QUANTUM_HOME: _home, QUANTUM_MAIL_URL: _mail, ...env } = process.env
    const file = callFile(`${base}${path}`, ' timeout="60s"')
    const child = spawn(process.execPath, [bin, 'run', file, '--home', join(dir, 'home')], { cwd: dir, env })
    let stderr = ''
    child.stderr.setEncoding('utf8').on('data', (text: string) => {
      stderr += text
    })
    const closed = once(child, 'close')
    await arrived
    const exited = once(child, 'exit')
    const signalled = Date.now()
    child.kill('SIGTERM')
    const [code] = await exited
    expect(Date.now() - signalled).toBeLessThan(1000)
    await closed
    expect(code).toBe(1)
    expect(stderr).toContain('call.q:2:3: error RUNTIME_ABORTED: interrupted by SIGTERM')
  })
})
