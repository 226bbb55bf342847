import type { IncomingHttpHeaders } from 'node:http'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createHttp } from '../../src/services'
import { run, runError } from '../helpers'
import { type LoopbackServer, startHttpServer } from '../support/httpServer'

interface Received {
  method: string
  path: string
  query: Record<string, string>
  headers: IncomingHttpHeaders
  body: string
}

let server: LoopbackServer
let base: string
const received: Received[] = []
const http = createHttp()

beforeAll(async () => {
  server = await startHttpServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost')
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      received.push({
        method: request.method ?? '',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: request.headers,
        body,
      })
      const json = (status: number, value: unknown) => {
        response.writeHead(status, {
          'content-type': 'application/json; charset=utf-8',
          'x-request-id': 'r-1',
        })
        response.end(JSON.stringify(value))
      }
      switch (url.pathname) {
        case '/search':
          return json(200, { results: [`${url.searchParams.get('q')}-1`, `${url.searchParams.get('q')}-2`] })
        case '/charge': {
          const order = JSON.parse(body) as { id: number; total: number }
          if (order.id === 13) return json(402, { success: false, error: 'card declined' })
          return json(201, { success: true, transaction: `T-${order.id}`, charged: order.total })
        }
        case '/echo':
          return json(200, { contentType: request.headers['content-type'], body })
        case '/ping':
          response.writeHead(200, { 'content-type': 'text/plain' })
          return response.end('pong')
        case '/hang':
          return // never answers
        default:
          return json(404, { error: 'not found' })
      }
    })
  })
  base = server.base
})

afterAll(() => server.close())

beforeEach(() => {
  received.length = 0
})

const exec = (source: string, params: Record<string, unknown> = {}) =>
  run(source, { services: { http }, params: { base, ...params } })

describe('q:invoke function=', () => {
  it('calls a q:function with q:arg and q:param values and stores the result under name', async () => {
    const result = await run(`
      <q:function name="lineTotal">
        <q:param name="price" type="number" required="true"/>
        <q:param name="qty" type="integer" default="1"/>
        <q:param name="label" default="item"/>
        <q:return value="{label + ': ' + (price * qty)}"/>
      </q:function>
      <q:invoke name="total" function="lineTotal">
        <q:arg name="price" value="{2.5}"/>
        <q:param name="qty" value="4"/>
      </q:invoke>
      <q:invoke name="single" function="lineTotal">
        <q:arg name="price" value="3"/>
        <q:arg name="label" value="one"/>
      </q:invoke>
      <p>{total} / {single} / {total_result.success} {total_result.invocationType}</p>
    `)
    expect(result.output).toContain('<p>item: 10 / one: 3 / true function</p>')
    expect(result.variables.total_result).toMatchObject({ success: true, data: 'item: 10', error: null })
  })

  it('fails with RUNTIME_NOT_FOUND for a function that does not exist', async () => {
    const error = await runError('<q:invoke name="x" function="nowhere"/>')
    expect(error.code).toBe('RUNTIME_NOT_FOUND')
    expect(error.message).toContain("'nowhere'")
  })
})

describe('q:invoke url=', () => {
  it('sends GET q:params as the query string and reads the JSON response', async () => {
    const result = await exec(
      `
      <q:invoke name="found" url="{base}/search" method="get">
        <q:param name="q" value="{term}"/>
        <q:param name="page" value="{2}"/>
      </q:invoke>
      <p>{found.results[1]} {found_result.status} {found_result.success}</p>
    `,
      { term: 'blue & green' },
    )
    expect(received).toEqual([
      expect.objectContaining({
        method: 'GET',
        path: '/search',
        query: { q: 'blue & green', page: '2' },
        body: '',
      }),
    ])
    expect(result.output).toContain('<p>blue &amp; green-2 200 true</p>')
  })

  it('POSTs a databound JSON body with headers and reads the JSON answer', async () => {
    const result = await exec(
      `
      <q:invoke name="payment" url="{base}/charge" method="POST">
        <q:header name="Authorization" value="Bearer {token}"/>
        <q:header name="X-Order" value="{order.id}"/>
        <q:body>{ "id": {order.id}, "total": {order.total}, "note": "paid {order.id}" }</q:body>
      </q:invoke>
      <q:if condition="{payment.success}">
        <p>paid with {payment.transaction}: {payment.charged}, status {payment_result.status}</p>
      </q:if>
    `,
      { token: 's3cret', order: { id: 7, total: 12.5 } },
    )
    expect(received).toHaveLength(1)
    const [request] = received
    expect(request?.method).toBe('POST')
    expect(JSON.parse(request?.body ?? '')).toEqual({ id: 7, total: 12.5, note: 'paid 7' })
    expect(request?.headers['content-type']).toBe('application/json')
    expect(request?.headers.authorization).toBe('Bearer s3cret')
    expect(request?.headers['x-order']).toBe('7')
    expect(result.output).toContain('<p>paid with T-7: 12.5, status 201</p>')
    expect(result.variables.payment_result).toMatchObject({
      success: true,
      status: 201,
      error: null,
      invocationType: 'http',
      headers: expect.objectContaining({ 'x-request-id': 'r-1' }),
    })
  })

  it('POSTs the q:params as JSON when there is no body, and stores details under result=', async () => {
    const result = await exec(
      `
      <q:invoke name="payment" url="{base}/charge" method="post" result="details">
        <q:param name="id" value="{order.id}"/>
        <q:param name="total" value="{order.total}"/>
      </q:invoke>
      <p>{payment.transaction} {details.status}</p>
    `,
      { order: { id: 8, total: 3 } },
    )
    expect(JSON.parse(received[0]?.body ?? '')).toEqual({ id: 8, total: 3 })
    expect(result.output).toContain('<p>T-8 201</p>')
  })

  it('sends a whole-value body such as {order} as its JSON', async () => {
    const result = await exec(
      `
      <q:invoke name="payment" url="{base}/charge" method="POST">
        <q:body>{order}</q:body>
      </q:invoke>
      <p>{payment.transaction}</p>
    `,
      { order: { id: 9, total: 4.25, items: ['a', 'b'] } },
    )
    expect(JSON.parse(received[0]?.body ?? '')).toEqual({ id: 9, total: 4.25, items: ['a', 'b'] })
    expect(result.output).toContain('<p>T-9</p>')
  })

  it('escapes values interpolated inside JSON strings, so the body stays valid JSON', async () => {
    const note = 'said "hi" \\ left\nearly'
    const result = await exec(
      `
      <q:invoke name="echo" url="{base}/echo" method="POST">
        <q:body>{ "id": {order.id}, "note": "{note} (order {order.id})", "tags": {tags} }</q:body>
      </q:invoke>
      <p>{echo.contentType}</p>
    `,
      { order: { id: 5 }, note, tags: ['a', 'b'] },
    )
    expect(JSON.parse(received[0]?.body ?? '')).toEqual({
      id: 5,
      note: `${note} (order 5)`,
      tags: ['a', 'b'],
    })
    expect(result.output).toContain('<p>application/json</p>')
  })

  it('sends the Content-Type of a q:header (any case) instead of the default', async () => {
    const result = await exec(
      `
      <q:invoke name="echo" url="{base}/echo" method="PUT">
        <q:header name="Content-Type" value="text/plain; charset=utf-8"/>
        <q:body>hello {name}</q:body>
      </q:invoke>
      <p>{echo.contentType}|{echo.body}</p>
    `,
      { name: 'Ada' },
    )
    expect(result.output).toContain('<p>text/plain; charset=utf-8|hello Ada</p>')
  })

  it('form-encodes the q:params for contentType="application/x-www-form-urlencoded"', async () => {
    const result = await exec(
      `
      <q:invoke name="echo" url="{base}/echo" method="POST" contentType="application/x-www-form-urlencoded">
        <q:param name="user" value="{name}"/>
        <q:param name="note" value="a b"/>
      </q:invoke>
      <p>{echo.body}</p>
    `,
      { name: 'Ada & Grace' },
    )
    expect(received[0]?.headers['content-type']).toBe('application/x-www-form-urlencoded')
    expect(Object.fromEntries(new URLSearchParams(received[0]?.body))).toEqual({
      user: 'Ada & Grace',
      note: 'a b',
    })
    expect(result.output).toContain('<p>user=Ada+%26+Grace&amp;note=a+b</p>')
  })

  it('keeps going after a non-2xx answer, with _result.success false', async () => {
    const result = await exec(
      `
      <q:invoke name="payment" url="{base}/charge" method="POST">
        <q:body>{ "id": {order.id}, "total": 1 }</q:body>
      </q:invoke>
      <q:if condition="{payment_result.success}">
        <p>paid</p>
      </q:if>
      <q:else>
        <p>failed: {payment_result.status} {payment_result.error} ({payment.error})</p>
      </q:else>
    `,
      { order: { id: 13 } },
    )
    expect(result.output).toContain('<p>failed: 402 HTTP 402 (card declined)</p>')
    expect(result.output).not.toContain('<p>paid</p>')
    expect(result.variables.payment_result).toMatchObject({ success: false, status: 402 })
  })

  it('stores a text answer as text', async () => {
    const result = await exec('<q:invoke name="pong" url="{base}/ping"/><p>[{pong}]</p>')
    expect(result.output).toContain('<p>[pong]</p>')
  })

  it('fails with RUNTIME_HTTP at the tag when the server does not answer within timeout=', async () => {
    const started = Date.now()
    const error = await runError(
      `<q:component name="Test">
  <q:set name="before" value="1"/>
  <q:invoke name="slow" url="{base}/hang" timeout="100ms"/>
  <q:set name="after" value="2"/>
</q:component>`,
      { services: { http }, params: { base } },
    )
    expect(error.code).toBe('RUNTIME_HTTP')
    expect(error.message).toContain('timed out after 100 ms')
    expect(error.location).toBe('test.q:3:3')
    expect(Date.now() - started).toBeLessThan(2000)
    expect(received.map((request) => request.path)).toEqual(['/hang'])
  })

  it('fails with RUNTIME_HTTP when nothing listens', async () => {
    const probe = await startHttpServer(() => {})
    await probe.close()
    const error = await runError(`<q:invoke name="x" url="${probe.base}/"/>`, {
      services: { http },
    })
    expect(error.code).toBe('RUNTIME_HTTP')
    expect(error.message).toContain('ECONNREFUSED')
  })

  it('fails with RUNTIME_SERVICE_MISSING when the host gives no HTTP client', async () => {
    const error = await runError('<q:invoke name="x" url="http://127.0.0.1:1/"/>')
    expect(error.code).toBe('RUNTIME_SERVICE_MISSING')
    expect(error.message).toContain('<q:invoke>')
  })
})
