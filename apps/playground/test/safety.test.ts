import { networkInterfaces } from 'node:os'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { act, call, serve, sqliteDeployment, type TestDeployment, type TestServer } from './support'

let home: TestDeployment
let server: TestServer
let readOnly: TestServer

beforeAll(async () => {
  home = await sqliteDeployment()
  server = await serve(home.target)
  readOnly = await serve(home.target, { readOnly: true })
})

afterAll(async () => {
  await server.stop()
  await readOnly.stop()
  await home.cleanup()
})

describe('the Host check', () => {
  it('answers its own address and the loopback names, with its port', async () => {
    for (const host of [`127.0.0.1:${server.port}`, `localhost:${server.port}`, `[::1]:${server.port}`]) {
      const reply = await call(server, 'GET', '/api/queues', { headers: { host } })
      expect(reply, host).toMatchObject({ status: 200, body: { queues: [] } })
    }
  })

  it('refuses another name (DNS rebinding), another port, or none', async () => {
    for (const host of [
      `evil.example:${server.port}`,
      '127.0.0.1:1',
      '127.0.0.1',
      'localhost',
      'evil.example',
    ]) {
      const reply = await call(server, 'GET', '/api/session', { headers: { host } })
      expect(reply, host).toMatchObject({ status: 403, body: { error: { code: 'PLAYGROUND_HOST' } } })
      expect(JSON.stringify(reply.body)).not.toContain(server.token)
    }
    // HTTP/1.1 requires a Host: Node's server answers 400 before any route runs.
    expect(await call(server, 'GET', '/api/session', { headers: { host: '' } })).toEqual({
      status: 400,
      body: null,
    })
  })
})

describe('the Host check on every interface', () => {
  it("answers this machine's own addresses, and still refuses names", async () => {
    const everywhere = await serve(home.target, { host: '0.0.0.0' })
    const addresses = Object.values(networkInterfaces())
      .flatMap((entries) => entries ?? [])
      .filter((entry) => entry.family === 'IPv4')
      .map((entry) => entry.address)
    expect(addresses).toContain('127.0.0.1')
    for (const address of addresses) {
      const reply = await call(everywhere, 'GET', '/api/queues', {
        headers: { host: `${address}:${everywhere.port}` },
      })
      expect(reply.status, address).toBe(200)
    }
    const named = await call(everywhere, 'GET', '/api/queues', {
      headers: { host: `evil.example:${everywhere.port}` },
    })
    expect(named.body.error.code).toBe('PLAYGROUND_HOST')
    await everywhere.stop()
  })
})

describe('the Origin check', () => {
  it('refuses a page of another origin, reading or acting, even with the token', async () => {
    for (const origin of [
      'http://evil.example',
      `http://127.0.0.1:${server.port + 1}`,
      'null',
      `https://127.0.0.1:${server.port}`,
    ]) {
      const read = await call(server, 'GET', '/api/session', { headers: { origin } })
      expect(read, origin).toMatchObject({ status: 403, body: { error: { code: 'PLAYGROUND_ORIGIN' } } })
      const action = await call(server, 'POST', '/api/queues/default/pause', {
        headers: { origin, 'x-quantum-token': server.token },
      })
      expect(action, origin).toMatchObject({ status: 403, body: { error: { code: 'PLAYGROUND_ORIGIN' } } })
    }
    expect((await home.deployment.queue.stats('default')).paused).toBe(false)
  })

  it('accepts its own origin', async () => {
    const reply = await call(server, 'GET', '/api/session', {
      headers: { origin: `http://127.0.0.1:${server.port}` },
    })
    expect(reply).toMatchObject({
      status: 200,
      body: { mode: 'monitor', token: server.token, readOnly: false },
    })
  })
})

describe('the token', () => {
  it('is required for every action, and the right one', async () => {
    const attempts: Record<string, string>[] = [{}, { 'x-quantum-token': 'wrong' }, { 'x-quantum-token': '' }]
    for (const headers of attempts) {
      for (const [method, path] of [
        ['POST', '/api/queues/default/pause'],
        ['DELETE', '/api/jobs/1'],
        ['POST', '/api/jobs/actions'],
        ['PUT', '/api/anything'],
      ] as const) {
        const reply = await call(server, method, path, { headers })
        expect(reply, `${method} ${path}`).toMatchObject({
          status: 403,
          body: { error: { code: 'PLAYGROUND_TOKEN' } },
        })
      }
    }
    expect((await home.deployment.queue.stats('default')).paused).toBe(false)
    expect(await act(server, 'POST', '/api/queues/default/pause')).toMatchObject({
      status: 200,
      body: { queue: { queue: 'default', paused: true } },
    })
    expect((await home.deployment.queue.stats('default')).paused).toBe(true)
    await act(server, 'POST', '/api/queues/default/resume')
  })

  it('is new at each start', async () => {
    const other = await serve(home.target)
    expect(other.token).not.toBe(server.token)
    expect(other.token.length).toBeGreaterThanOrEqual(32)
    const reply = await call(other, 'POST', '/api/queues/default/pause', {
      headers: { 'x-quantum-token': server.token },
    })
    expect(reply.body.error.code).toBe('PLAYGROUND_TOKEN')
    await other.stop()
  })
})

describe('read-only', () => {
  it('shows everything and refuses every action, token or not', async () => {
    expect(await call(readOnly, 'GET', '/api/session')).toMatchObject({
      status: 200,
      body: { readOnly: true, token: null },
    })
    expect((await call(readOnly, 'GET', '/api/history')).status).toBe(200)
    for (const headers of [{}, { 'x-quantum-token': readOnly.token }] as Record<string, string>[]) {
      const reply = await call(readOnly, 'POST', '/api/queues/default/pause', { headers })
      expect(reply).toMatchObject({ status: 403, body: { error: { code: 'PLAYGROUND_READ_ONLY' } } })
    }
    expect((await home.deployment.queue.stats('default')).paused).toBe(false)
  })
})
