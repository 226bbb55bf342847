import type { IncomingMessage, ServerResponse } from 'node:http'
import { ErrorCodes } from '@quantum/ast'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHttp } from '../../src/services'
import { failure } from '../support/failure'
import { type LoopbackServer, startHttpServer } from '../support/httpServer'

interface Seen {
  method: string
  url: string
  headers: IncomingMessage['headers']
  body: string
}

let server: LoopbackServer
let base: string
const seen: Seen[] = []
const hanging = new Set<ServerResponse>()

function handle(request: IncomingMessage, response: ServerResponse, body: string): void {
  seen.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body })
  switch (request.url) {
    case '/json':
      response.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'X-Custom-Header': 'yes' })
      response.end(JSON.stringify({ hello: 'world', n: [1, 2] }))
      return
    case '/text':
      response.writeHead(200, { 'Content-Type': 'text/plain' })
      response.end('plain text')
      return
    case '/bad-json':
      response.writeHead(200, { 'Content-Type': 'application/json' })
      response.end('{not json')
      return
    case '/echo':
      response.writeHead(201, { 'Content-Type': 'application/problem+json' })
      response.end(JSON.stringify({ received: body, contentType: request.headers['content-type'] }))
      return
    case '/missing':
      response.writeHead(404, { 'Content-Type': 'text/plain' })
      response.end('no such thing')
      return
    case '/hang':
      // Never answers: the client must give up on its own.
      hanging.add(response)
      return
    default:
      response.writeHead(500)
      response.end()
  }
}

beforeAll(async () => {
  server = await startHttpServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => handle(request, response, Buffer.concat(chunks).toString('utf8')))
  })
  base = server.base
})

afterAll(async () => {
  for (const response of hanging) response.destroy()
  await server.close()
})

const http = createHttp()

describe('HTTP service', () => {
  it('parses JSON responses and lower-cases response headers', async () => {
    const response = await http.request({ url: `${base}/json`, method: 'get', headers: {} })
    expect(response.status).toBe(200)
    expect(response.ok).toBe(true)
    expect(response.data).toEqual({ hello: 'world', n: [1, 2] })
    expect(response.text).toBe('{"hello":"world","n":[1,2]}')
    expect(response.headers['x-custom-header']).toBe('yes')
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(response.elapsedMs).toBeGreaterThanOrEqual(0)
    expect(seen.at(-1)!.method).toBe('GET')
  })

  it('returns text for non-JSON responses', async () => {
    const response = await http.request({ url: `${base}/text`, method: 'GET', headers: {} })
    expect(response.data).toBe('plain text')
    expect(response.text).toBe('plain text')
  })

  it('falls back to the text when a JSON response does not parse', async () => {
    const response = await http.request({ url: `${base}/bad-json`, method: 'GET', headers: {} })
    expect(response.data).toBe('{not json')
  })

  it('sends headers and a POST body', async () => {
    const response = await http.request({
      url: `${base}/echo`,
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer abc', 'X-Request-Id': 'r-1' },
      body: '{"name":"Ada"}',
    })
    expect(response.status).toBe(201)
    expect(response.data).toEqual({ received: '{"name":"Ada"}', contentType: 'application/json' })
    const request = seen.at(-1)!
    expect(request.method).toBe('POST')
    expect(request.body).toBe('{"name":"Ada"}')
    expect(request.headers.authorization).toBe('Bearer abc')
    expect(request.headers['x-request-id']).toBe('r-1')
  })

  it('returns a non-2xx response instead of failing', async () => {
    const response = await http.request({ url: `${base}/missing`, method: 'GET', headers: {} })
    expect(response).toMatchObject({ status: 404, ok: false, data: 'no such thing' })
  })

  it('fails with RUNTIME_HTTP when the server does not answer in time', async () => {
    const started = Date.now()
    const error = await failure(
      http.request({ url: `${base}/hang`, method: 'GET', headers: {}, timeoutMs: 100 }),
    )
    expect(error.code).toBe(ErrorCodes.RUNTIME_HTTP)
    expect(error.message).toBe(`HTTP GET ${base}/hang failed: timed out after 100 ms`)
    expect(Date.now() - started).toBeLessThan(5000)
  })

  it('stops when the request signal aborts', async () => {
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 50)
    const error = await failure(
      http.request({
        url: `${base}/hang`,
        method: 'GET',
        headers: {},
        timeoutMs: 10_000,
        signal: controller.signal,
      }),
    )
    expect(error.code).toBe(ErrorCodes.RUNTIME_ABORTED)
    expect(error.message).toBe(`HTTP GET ${base}/hang was aborted`)
  })

  it('fails with RUNTIME_HTTP on a network error', async () => {
    const probe = await startHttpServer(() => {})
    await probe.close()
    const error = await failure(http.request({ url: `${probe.base}/`, method: 'GET', headers: {} }))
    expect(error.code).toBe(ErrorCodes.RUNTIME_HTTP)
    expect(error.message).toMatch(new RegExp(`^HTTP GET ${probe.base}/ failed: .*ECONNREFUSED`))
  })
})
