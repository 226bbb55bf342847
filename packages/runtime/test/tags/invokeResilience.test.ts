import type { IncomingMessage, ServerResponse } from 'node:http'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createHttp, createLogger } from '../../src/services'
import { run, runError } from '../helpers'
import { type LoopbackServer, startHttpServer } from '../support/httpServer'

/** What the server saw: path and the headers that carry credentials. */
interface Seen {
  path: string
  authorization?: string | undefined
  apiKey?: string | undefined
  at: number
}

const seen: Seen[] = []
/** Per path, how many requests it has had (for "fail twice, then answer"). */
const hits = new Map<string, number>()
let server: LoopbackServer
let base: string

function answer(request: IncomingMessage, response: ServerResponse) {
  const url = new URL(request.url ?? '/', 'http://x')
  const path = url.pathname
  const count = (hits.get(path) ?? 0) + 1
  hits.set(path, count)
  const key = request.headers['x-api-key'] ?? request.headers['x-token']
  seen.push({
    path,
    authorization: request.headers.authorization,
    apiKey: typeof key === 'string' ? key : undefined,
    at: performance.now(),
  })
  const json = (status: number, value: unknown, headers: Record<string, string> = {}) => {
    response.writeHead(status, { 'content-type': 'application/json', ...headers })
    response.end(JSON.stringify(value))
  }
  switch (path) {
    case '/flaky': // fails twice, then answers
      return count <= 2 ? json(503, { error: 'busy' }) : json(200, { ok: true, attempt: count })
    case '/drops': // closes the connection twice, then answers
      if (count <= 2) return request.socket.destroy()
      return json(200, { ok: true })
    case '/limited': // 429 with Retry-After in seconds, then answers
      return count === 1 ? json(429, {}, { 'retry-after': '1' }) : json(200, { ok: true })
    case '/limited-until': // 503 with Retry-After as an HTTP-date, then answers
      return count === 1
        ? json(503, {}, { 'retry-after': new Date(Date.now() + 1500).toUTCString() })
        : json(200, { ok: true })
    case '/missing':
      return json(404, { error: 'no such thing' })
    case '/down':
      return json(500, { error: 'down' })
    case '/hang':
      return
    case '/counter':
      return json(200, { count, items: [1, 2] })
    default:
      return json(200, { path, authorization: request.headers.authorization ?? null })
  }
}

beforeAll(async () => {
  server = await startHttpServer(answer)
  base = server.base
})

afterAll(() => server.close())

beforeEach(() => {
  seen.length = 0
  hits.clear()
})

const http = createHttp()
const exec = (source: string, params: Record<string, unknown> = {}, extra: Parameters<typeof run>[1] = {}) =>
  run(source, { services: { http }, ...extra, params: { base, ...params } })

describe('q:invoke authentication (issue 11)', () => {
  it('sends a bearer token, basic credentials and an API key under its header', async () => {
    await exec(
      `
      <q:invoke name="a" url="{base}/bearer" authType="bearer" authToken="{token}"/>
      <q:invoke name="b" url="{base}/basic" authType="basic" username="ada" password="{password}"/>
      <q:invoke name="c" url="{base}/key" authType="apikey" apiKey="k-1"/>
      <q:invoke name="d" url="{base}/key2" authType="apikey" apiKey="k-2" apiKeyHeader="X-Token"/>
    `,
      { token: 'tok-1', password: 'p:w' },
    )
    expect(seen.map(({ path, authorization, apiKey }) => ({ path, authorization, apiKey }))).toEqual([
      { path: '/bearer', authorization: 'Bearer tok-1', apiKey: undefined },
      {
        path: '/basic',
        authorization: `Basic ${Buffer.from('ada:p:w').toString('base64')}`,
        apiKey: undefined,
      },
      { path: '/key', authorization: undefined, apiKey: 'k-1' },
      { path: '/key2', authorization: undefined, apiKey: 'k-2' },
    ])
  })

  it('lets the credentials win over a q:header of the same name', async () => {
    await exec(`
      <q:invoke name="a" url="{base}/bearer" authType="bearer" authToken="right">
        <q:header name="Authorization" value="Bearer wrong"/>
      </q:invoke>`)
    expect(seen[0]?.authorization).toBe('Bearer right')
  })

  it('never shows a secret in results, dumps, logs or errors', async () => {
    const token = 'tok-SECRET-7f3a'
    const password = 'pw-SECRET-91c2'
    const logger = createLogger()
    const result = await exec(
      `
      <q:invoke name="api" url="{base}/flaky" authType="bearer" authToken="{token}" retry="3" retryDelay="5"/>
      <q:invoke name="basic" url="{base}/down" authType="basic" username="ada" password="{password}" retry="1" retryDelay="5"/>
      <q:dump var="{api_result}"/>
      <q:dump var="{basic_result}"/>
      <q:log level="info" message="{api_result}" context="{basic_result}"/>
    `,
      { token, password },
      { services: { http, logger } },
    )
    expect(seen.filter((request) => request.path === '/flaky')).toHaveLength(3)
    const basic64 = Buffer.from(`ada:${password}`).toString('base64')
    const shown = JSON.stringify([
      result.output,
      result.logs,
      logger.lines(),
      result.variables.api_result,
      result.variables.basic_result,
    ])
    expect(logger.lines().filter((line) => line.includes('retrying'))).toHaveLength(3)
    for (const secret of [token, password, basic64]) expect(shown).not.toContain(secret)

    const probe = await startHttpServer(() => {})
    await probe.close()
    const error = await runError(
      `<q:invoke name="x" url="${probe.base.replace('http://', 'http://ada:{password}@')}/" authType="bearer" authToken="{token}" retry="1" retryDelay="5"/>`,
      { services: { http, logger }, params: { token, password } },
    )
    expect(error.code).toBe('RUNTIME_HTTP')
    const told = JSON.stringify([error.message, error.details, logger.lines()])
    for (const secret of [token, password]) expect(told).not.toContain(secret)
    expect(error.message).toContain('http://***@127.0.0.1')
  })
})

describe('q:invoke retry (issue 11)', () => {
  it('retries a server that fails twice, with backoff, and shows each attempt in name_result', async () => {
    const result = await exec(`
      <q:invoke name="api" url="{base}/flaky" retry="3" retryDelay="40"/>
      <p>{api.attempt} {api_result.success} {api_result.attempts.length}</p>`)
    expect(result.output).toContain('<p>3 true 3</p>')
    const attempts = (result.variables.api_result as { attempts: Record<string, unknown>[] }).attempts
    expect(attempts).toMatchObject([
      { attempt: 1, status: 503, error: 'HTTP 503' },
      { attempt: 2, status: 503, error: 'HTTP 503' },
      { attempt: 3, status: 200, error: null, waitMs: null },
    ])
    // Exponential with jitter: the first wait is 40-60 ms, the second 80-120 ms.
    const [first, second] = attempts.map((attempt) => attempt.waitMs) as [number, number]
    expect(first).toBeGreaterThanOrEqual(40)
    expect(first).toBeLessThan(60)
    expect(second).toBeGreaterThanOrEqual(80)
    expect(second).toBeLessThan(120)
    const [a, b, c] = seen.map((request) => request.at) as [number, number, number]
    expect(b - a).toBeGreaterThanOrEqual(first - 1)
    expect(c - b).toBeGreaterThanOrEqual(second - 1)
  })

  it('retries dropped connections, but not a 404', async () => {
    const result = await exec(`
      <q:invoke name="dropped" url="{base}/drops" retry="2" retryDelay="5"/>
      <q:invoke name="missing" url="{base}/missing" retry="3" retryDelay="5"/>`)
    expect(result.variables.dropped_result).toMatchObject({
      success: true,
      attempts: [
        { status: null, error: expect.stringContaining('HTTP GET') },
        { status: null, error: expect.stringContaining('HTTP GET') },
        { status: 200 },
      ],
    })
    expect(result.variables.missing_result).toMatchObject({
      success: false,
      status: 404,
      attempts: [{ status: 404 }],
    })
    expect(hits.get('/missing')).toBe(1)
  })

  it('gives up after retry attempts and keeps the last answer', async () => {
    const result = await exec(`<q:invoke name="api" url="{base}/down" retry="2" retryDelay="5ms"/>`)
    expect(result.variables.api_result).toMatchObject({ success: false, status: 500, error: 'HTTP 500' })
    expect(hits.get('/down')).toBe(3)
  })

  it('honours Retry-After in seconds and as an HTTP-date instead of its own backoff', async () => {
    const started = performance.now()
    const result = await exec(`
      <q:invoke name="a" url="{base}/limited" retry="1" retryDelay="20s"/>
      <q:invoke name="b" url="{base}/limited-until" retry="1" retryDelay="20s"/>`)
    expect(performance.now() - started).toBeLessThan(6000)
    const waits = (name: string) =>
      (result.variables[name] as { attempts: { waitMs: number | null }[] }).attempts.map(
        (attempt) => attempt.waitMs,
      )
    expect(waits('a_result')).toEqual([1000, null])
    const [until] = waits('b_result') as [number]
    expect(until).toBeGreaterThanOrEqual(0)
    expect(until).toBeLessThanOrEqual(1500)
    const gaps = ['/limited', '/limited-until'].map((path) => {
      const [first, second] = seen
        .filter((request) => request.path === path)
        .map((request) => request.at) as [number, number]
      return second - first
    })
    expect(gaps[0]).toBeGreaterThanOrEqual(990)
    expect(gaps[1]).toBeGreaterThanOrEqual((until ?? 0) - 10)
  })

  it('retries timeouts, then fails at the tag with every attempt in name_result for q:catch', async () => {
    const result = await exec(`
      <q:try>
        <q:invoke name="slow" url="{base}/hang" timeout="100ms" retry="2" retryDelay="10"/>
        <q:catch>
          <p>{error.code}: {slow_result.attempts.length} attempts, success {slow_result.success}</p>
        </q:catch>
      </q:try>`)
    expect(result.output).toContain('<p>RUNTIME_HTTP: 3 attempts, success false</p>')
    expect(hits.get('/hang')).toBe(3)
  })

  it("stops a retry loop at the run's wall time and at its signal", async () => {
    let started = performance.now()
    const limited = await runError(`<q:invoke name="a" url="{base}/down" retry="5" retryDelay="10s"/>`, {
      services: { http },
      params: { base },
      runtime: { limits: { maxWallTimeMs: 300 } },
    })
    expect(limited.code).toBe('RUNTIME_LIMIT_EXCEEDED')
    expect(limited.location).toBe('test.q:1:26')
    expect(performance.now() - started).toBeLessThan(3000)

    started = performance.now()
    const controller = new AbortController()
    setTimeout(() => controller.abort(new Error('shutting down')), 200)
    const aborted = await runError(`<q:invoke name="a" url="{base}/down" retry="5" retryDelay="10s"/>`, {
      services: { http },
      params: { base },
      signal: controller.signal,
    })
    expect(aborted.code).toBe('RUNTIME_ABORTED')
    expect(aborted.message).toBe('shutting down')
    expect(performance.now() - started).toBeLessThan(3000)
    expect(hits.get('/down')).toBe(2)
  })
})

describe('q:invoke cache (issue 11)', () => {
  it('answers a repeated GET from the cache, with copies the run cannot spoil', async () => {
    const result = await exec(`
      <q:invoke name="first" url="{base}/counter" cache="true" ttl="1m"/>
      <q:set name="first.count" value="99"/>
      <q:invoke name="second" url="{base}/counter" cache="true" ttl="1m"/>
      <p>{first.count} {second.count} {first_result.cached} {second_result.cached} {second_result.attempts.length}</p>`)
    expect(result.output).toContain('<p>99 1 false true 0</p>')
    expect(hits.get('/counter')).toBe(1)
    const again = await exec(
      `<q:invoke name="third" url="{base}/counter" cache="true" ttl="1m"/><p>{third.count}</p>`,
    )
    expect(again.output).toContain('<p>1</p>')
    expect(hits.get('/counter')).toBe(1)
  })

  it('keys by query and credentials, skips failures, and expires after ttl', async () => {
    const result = await exec(`
      <q:invoke name="a" url="{base}/per-user" cache="true" authType="bearer" authToken="one"/>
      <q:invoke name="b" url="{base}/per-user" cache="true" authType="bearer" authToken="two"/>
      <q:invoke name="c" url="{base}/per-user" cache="true" authType="bearer" authToken="one"/>
      <q:invoke name="d" url="{base}/missing" cache="true"/>
      <q:invoke name="e" url="{base}/missing" cache="true"/>
      <q:invoke name="f" url="{base}/ttl" cache="true" ttl="150ms"/>
      <q:sleep duration="250ms"/>
      <q:invoke name="g" url="{base}/ttl" cache="true" ttl="150ms"/>
      <p>{a.authorization} {b.authorization} {c.authorization} {c_result.cached} {g_result.cached}</p>`)
    expect(result.output).toContain('<p>Bearer one Bearer two Bearer one true false</p>')
    expect(hits.get('/per-user')).toBe(2)
    expect(hits.get('/missing')).toBe(2)
    expect(hits.get('/ttl')).toBe(2)
  })
})

describe('q:invoke when (issue 11)', () => {
  it('skips the call when the condition is false', async () => {
    const result = await exec(
      `
      <q:invoke name="skipped" url="{base}/a" when="{primary_ok}"/>
      <q:invoke name="fallback" url="{base}/b" when="{!primary_ok}"/>
      <p>{fallback_result.success} [{skipped_result.success}]</p>`,
      { primary_ok: false },
    )
    expect(seen.map((request) => request.path)).toEqual(['/b'])
    expect(result.output).toContain('<p>true [{skipped_result.success}]</p>')
    expect(result.variables).not.toHaveProperty('skipped')
  })
})
