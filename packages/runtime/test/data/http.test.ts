import type { IncomingHttpHeaders } from 'node:http'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createHttp } from '../../src/services'
import { createDataApp, type DataApp } from '../support/dataApp'
import { type LoopbackServer, startHttpServer } from '../support/httpServer'

let app: DataApp
let server: LoopbackServer
const seen: { url: string; headers: IncomingHttpHeaders }[] = []

const CSV_ROWS = 20_000

beforeEach(async () => {
  seen.length = 0
  app = createDataApp()
  server = await startHttpServer((request, response) => {
    seen.push({ url: request.url ?? '', headers: request.headers })
    if (request.url === '/products.json') {
      if (request.headers.authorization !== 'Bearer s3cret') {
        response.writeHead(401).end('no')
        return
      }
      response.writeHead(200, { 'content-type': 'application/json' })
      response.end('[{"name":"pen","price":2.5},{"name":"book","price":12}]')
    } else if (request.url === '/orders.csv') {
      response.writeHead(200, { 'content-type': 'text/csv' })
      response.write('id,total\n')
      let i = 0
      const more = () => {
        while (i < CSV_ROWS) {
          const ok = response.write(`${i},${i % 100}\n`)
          i++
          if (!ok) {
            response.once('drain', more)
            return
          }
        }
        response.end()
      }
      more()
    } else if (request.url === '/stalls.csv') {
      response.writeHead(200, { 'content-type': 'text/csv' })
      response.write('id\n1\n')
    } else if (request.url === '/books.xml') {
      response.writeHead(200, { 'content-type': 'application/xml' })
      response.end('<books><book id="7"/></books>')
    } else {
      response.writeHead(404).end('not here')
    }
  })
})

afterEach(async () => {
  await server.close()
  app.remove()
})

describe('q:data from an http(s) URL', () => {
  it('sends its q:header values, bound, and reads the JSON answered', async () => {
    const result = await app.run(
      `
  <q:data name="products" source="${server.base}/products.json" type="json">
    <q:header name="Authorization" value="Bearer {token}"/>
    <q:header name="Accept" value="application/json"/>
  </q:data>
  <q:return value="{products}"/>`,
      { params: { token: 's3cret' } },
    )
    expect(result.result).toEqual([
      { name: 'pen', price: 2.5 },
      { name: 'book', price: 12 },
    ])
    expect(seen[0]?.headers).toMatchObject({ authorization: 'Bearer s3cret', accept: 'application/json' })
    expect(result.variables.products_result).toMatchObject({ source: `${server.base}/products.json` })
  })

  it('streams a CSV answer through its steps, typing its columns', async () => {
    const result = await app.run(
      `
  <q:data name="big" source="{base}/orders.csv" type="csv">
    <q:column name="id" type="integer"/>
    <q:column name="total" type="integer"/>
    <q:transform>
      <q:filter condition="{total == 99}"/>
      <q:sort by="id" order="desc"/>
      <q:limit value="2"/>
    </q:transform>
  </q:data>
  <q:return value="{big}"/>`,
      { params: { base: server.base } },
    )
    expect(result.result).toEqual([
      { id: CSV_ROWS - 1, total: 99 },
      { id: CSV_ROWS - 101, total: 99 },
    ])
  })

  it('reads XML from a URL', async () => {
    const result = await app.run(`
  <q:data name="books" source="${server.base}/books.xml" type="xml" xpath="//book">
    <q:field name="id" xpath="@id" type="integer"/>
  </q:data>
  <q:return value="{books}"/>`)
    expect(result.result).toEqual([{ id: 7 }])
  })

  it('gives an HTTP error status RUNTIME_HTTP with the status, or records it in result=', async () => {
    const error = await app.fail(`  <q:data name="x" source="${server.base}/missing.json" type="json"/>`)
    expect([error.code, error.location]).toEqual(['RUNTIME_HTTP', 'jobs/import.q:2:3'])
    expect(error.message).toBe(`HTTP GET ${server.base}/missing.json failed: the server answered 404`)
    expect(error.details).toMatchObject({ status: 404 })
    const unauthorized = await app.run(`
  <q:data name="x" source="${server.base}/products.json" type="json" result="r"/>
  <p>{r.success} {r.error.code} {r.error.details.status} {len(x)}</p>`)
    expect(unauthorized.output).toContain('<p>false RUNTIME_HTTP 401 0</p>')
  })

  it('holds a streamed body to the client cap on response bytes', async () => {
    const small = createDataApp({ http: createHttp({ maxResponseBytes: 10_000 }) })
    try {
      const error = await small.fail(`  <q:data name="x" source="${server.base}/orders.csv" type="csv"/>`)
      expect(error.code).toBe('RUNTIME_HTTP')
      expect(error.message).toContain('over the limit of 10000 bytes')
    } finally {
      small.remove()
    }
  })

  it('reads through a client without streams, from its whole answer', async () => {
    const http = createHttp()
    const whole = createDataApp({ http: { request: (request) => http.request(request) } })
    try {
      const result = await whole.run(`
  <q:data name="big" source="${server.base}/orders.csv" type="csv">
    <q:transform><q:limit value="1"/></q:transform>
  </q:data>
  <q:return value="{big}"/>`)
      expect(result.result).toEqual([{ id: '0', total: '0' }])
    } finally {
      whole.remove()
    }
  })

  it('times out a body that stalls, under the client timeout', async () => {
    const slow = createDataApp({ http: createHttp({ timeoutMs: 300 }) })
    try {
      const error = await slow.fail(`  <q:data name="x" source="${server.base}/stalls.csv" type="csv"/>`)
      expect([error.code, error.location]).toEqual(['RUNTIME_HTTP', 'jobs/import.q:2:3'])
      expect(error.message).toContain('timed out after 300 ms')
    } finally {
      slow.remove()
    }
  })
})
