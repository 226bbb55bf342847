import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DataCache } from '../../src/data/cache'
import { createDataApp, type DataApp } from '../support/dataApp'
import { startHttpServer } from '../support/httpServer'

let app: DataApp

beforeEach(() => {
  app = createDataApp()
})

afterEach(() => app.remove())

const READ = `
  <q:data name="rows" source="list.csv" type="csv" cache="true" ttl="300">
    <q:transform><q:sort by="n" order="desc"/></q:transform>
  </q:data>
  <q:set name="first" value="{rows[0]}"/>
  <q:set name="first.n" value="changed by the program"/>
  <q:return value="{{rows: rows, cached: rows_result.cached}}"/>`

describe('q:data cache="true"', () => {
  it('keeps the records read for the runs of the process, untouched by what a run does with them', async () => {
    app.write('jobs/list.csv', 'n\n1\n2\n')
    const first = await app.run(READ)
    expect(first.result).toEqual({ rows: [{ n: 'changed by the program' }, { n: '1' }], cached: false })
    app.write('jobs/list.csv', 'n\n7\n8\n9\n')
    const second = await app.run(READ)
    expect(second.result).toEqual({ rows: [{ n: 'changed by the program' }, { n: '1' }], cached: true })
    const uncached = await app.run(
      '<q:data name="rows" source="list.csv" type="csv"/><q:return value="{len(rows)}"/>',
    )
    expect(uncached.result).toBe(3)
  })

  it('reads again once the ttl has passed, and keys entries by their options', async () => {
    app.write('jobs/list.csv', 'a;b\n1;2\n')
    const read = (delimiter: string) =>
      app.run(
        `<q:data name="rows" source="list.csv" type="csv" delimiter="${delimiter}" cache="true" ttl="50ms"/><q:return value="{[rows[0], rows_result.cached]}"/>`,
      )
    expect((await read(';')).result).toEqual([{ a: '1', b: '2' }, false])
    expect((await read(',')).result).toEqual([{ 'a;b': '1;2' }, false])
    expect((await read(';')).result).toEqual([{ a: '1', b: '2' }, true])
    app.write('jobs/list.csv', 'a;b\n3;4\n')
    await new Promise((resolve) => setTimeout(resolve, 80))
    expect((await read(';')).result).toEqual([{ a: '3', b: '4' }, false])
  })

  it('calls a URL once while its answer is cached, and again with other header values', async () => {
    let calls = 0
    const server = await startHttpServer((request, response) => {
      calls++
      response.writeHead(200, { 'content-type': 'application/json' })
      response.end(JSON.stringify([{ user: request.headers['x-user'] }]))
    })
    try {
      const read = (user: string) =>
        app.run(
          `<q:data name="me" source="${server.base}/me" type="json" cache="true"><q:header name="X-User" value="{user}"/></q:data><q:return value="{me[0].user}"/>`,
          { params: { user } },
        )
      expect((await read('ada')).result).toBe('ada')
      expect((await read('ada')).result).toBe('ada')
      expect(calls).toBe(1)
      expect((await read('grace')).result).toBe('grace')
      expect(calls).toBe(2)
    } finally {
      await server.close()
    }
  })
})

describe('DataCache', () => {
  it('is bounded in entries and bytes, making room from the least recently used', () => {
    const cache = new DataCache({ maxEntries: 2, maxBytes: 100 })
    cache.set('a', [1], 10, 60_000)
    cache.set('b', [2], 10, 60_000)
    expect(cache.get('a')).toEqual([1])
    cache.set('c', [3], 10, 60_000)
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([[1], undefined, [3]])
    cache.set('d', [4], 85, 60_000)
    expect([cache.get('a'), cache.get('c'), cache.get('d')]).toEqual([undefined, [3], [4]])
    cache.set('huge', [5], 101, 60_000)
    expect(cache.get('huge')).toBeUndefined()
    expect(cache.get('d')).toEqual([4])
  })

  it('forgets an entry once its ttl has passed', () => {
    let now = 0
    const cache = new DataCache({ maxEntries: 10, maxBytes: 100 }, () => now)
    cache.set('a', [1], 1, 1000)
    now = 999
    expect(cache.get('a')).toEqual([1])
    now = 1000
    expect(cache.get('a')).toBeUndefined()
  })
})
