import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ScheduleDefinition } from '@quantum/store'
import { createClient } from 'redis'
import type { Target } from '../src/args'
import { type Deployment, openDeployment } from '../src/deployment'
import { type PlaygroundServer, startServer } from '../src/server'

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'

/** One test's deployment (a temp state folder or a unique Redis prefix), opened to seed it and look at it. */
export interface TestDeployment {
  target: Target
  /** Another attachment to the same deployment, as a worker or the CLI would have. */
  deployment: Deployment
  cleanup(): Promise<void>
}

/** A fresh embedded deployment: a temp folder whose `quantum.db` exists. */
export async function sqliteDeployment(): Promise<TestDeployment> {
  const home = mkdtempSync(join(tmpdir(), 'playground-'))
  const { openSqliteStore } = await import('@quantum/store/sqlite')
  await (await openSqliteStore({ home })).close()
  const target: Target = { kind: 'sqlite', home }
  const deployment = await openDeployment(target, () => {})
  return {
    target,
    deployment,
    async cleanup() {
      await deployment.close()
      rmSync(home, { recursive: true, force: true })
    },
  }
}

/** A fresh Redis deployment under a key prefix nothing else uses. */
export async function redisDeployment(): Promise<TestDeployment> {
  const prefix = `playground-test-${randomUUID()}`
  const target: Target = { kind: 'redis', url: REDIS_URL, prefix }
  const deployment = await openDeployment(target, () => {})
  return {
    target,
    deployment,
    async cleanup() {
      await deployment.close()
      const client = createClient({ url: REDIS_URL })
      client.on('error', () => {})
      await client.connect()
      const keys: string[] = []
      for await (const page of client.scanIterator({ MATCH: `${prefix}:*`, COUNT: 500 })) keys.push(...page)
      if (keys.length > 0) await client.del(keys)
      await client.close()
    },
  }
}

/** Both kinds of deployment, for `describe.each`: the API and its events behave the same on each. */
export const DEPLOYMENTS = [
  ['SQLite', sqliteDeployment],
  ['Redis', redisDeployment],
] as const

/** The server under test, on its own attachment to the deployment, on any free loopback port. */
export interface TestServer extends PlaygroundServer {
  /** Closes the server and its attachment. */
  stop(): Promise<void>
}

export async function serve(
  target: Target,
  options: { readOnly?: boolean; host?: string } = {},
): Promise<TestServer> {
  const deployment = await openDeployment(target, () => {})
  const logged: string[] = []
  const server = await startServer({
    deployment,
    host: options.host ?? '127.0.0.1',
    port: 0,
    readOnly: options.readOnly ?? false,
    log: (message) => logged.push(message),
  })
  return {
    ...server,
    async stop() {
      await server.close()
      await deployment.close()
      if (logged.length > 0) throw new Error(`the server logged: ${logged.join('\n')}`)
    },
  }
}

/** A response: status and parsed JSON body. */
export interface Reply {
  status: number
  // biome-ignore lint/suspicious/noExplicitAny: tests read replies field by field, as a browser does
  body: any
}

/**
 * One HTTP request on a fresh connection (no agent keeps sockets open), with the headers given as is,
 * `Host` included: `fetch` would set its own.
 */
export function call(
  server: { port: number },
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: unknown } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const body = options.body === undefined ? undefined : JSON.stringify(options.body)
    const headers: Record<string, string> = {
      host: `127.0.0.1:${server.port}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...options.headers,
    }
    // An empty Host stands for none at all (Node would otherwise fill one in).
    const noHost = headers.host === ''
    if (noHost) delete headers.host
    const req = request(
      { host: '127.0.0.1', port: server.port, method, path, agent: false, setHost: !noHost, headers },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => {
          text += chunk
        })
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: text === '' ? null : JSON.parse(text) }),
        )
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

/** A GET that must succeed; its JSON body. */
// biome-ignore lint/suspicious/noExplicitAny: tests read replies field by field, as a browser does
export async function get(server: { port: number }, path: string): Promise<any> {
  const reply = await call(server, 'GET', path)
  if (reply.status !== 200) throw new Error(`GET ${path}: ${reply.status} ${JSON.stringify(reply.body)}`)
  return reply.body
}

/** An action with the server's token; the reply, whatever its status. */
export function act(server: TestServer, method: string, path: string, body?: unknown): Promise<Reply> {
  return call(server, method, path, { headers: { 'x-quantum-token': server.token }, body })
}

/** One server-sent event as a client received it. */
export interface ReceivedEvent {
  event: string
  // biome-ignore lint/suspicious/noExplicitAny: tests read events field by field, as a browser does
  data: any
  id: string
}

/** A live client of `GET /api/events`: every event it received, in order. */
export interface EventClient {
  events: ReceivedEvent[]
  /** Resolves with the first received event (past those already taken) that matches; rejects after `timeoutMs`. */
  next(match: (event: ReceivedEvent) => boolean, what: string, timeoutMs?: number): Promise<ReceivedEvent>
  close(): void
}

/** Connects to the event stream and resolves once `ready` arrived (the deployment is being watched). */
export function listen(server: { port: number }): Promise<EventClient> {
  return new Promise((resolve, reject) => {
    const events: ReceivedEvent[] = []
    let taken = 0
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        path: '/api/events',
        agent: false,
        headers: { host: `127.0.0.1:${server.port}`, accept: 'text/event-stream' },
      },
      (res) => {
        let buffer = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => {
          buffer += chunk
          for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
            const block = buffer.slice(0, end)
            buffer = buffer.slice(end + 2)
            const fields = Object.fromEntries(
              block
                .split('\n')
                .filter((line) => !line.startsWith(':') && line.includes(':'))
                .map((line) => [
                  line.slice(0, line.indexOf(':')),
                  line.slice(line.indexOf(':') + 1).trimStart(),
                ]),
            )
            if (fields.event === undefined) continue
            events.push({ event: fields.event, data: JSON.parse(fields.data ?? 'null'), id: fields.id ?? '' })
            if (fields.event === 'ready') resolve(client)
          }
        })
        res.on('error', () => {})
      },
    )
    req.on('error', reject)
    req.end()
    const client: EventClient = {
      events,
      async next(match, what, timeoutMs = 10_000) {
        const deadline = Date.now() + timeoutMs
        for (;;) {
          const at = events.findIndex((event, index) => index >= taken && match(event))
          if (at >= 0) {
            taken = at + 1
            return events[at] as ReceivedEvent
          }
          if (Date.now() > deadline) {
            throw new Error(`no ${what} within ${timeoutMs} ms; got ${JSON.stringify(events.slice(taken))}`)
          }
          await new Promise((wait) => setTimeout(wait, 20))
        }
      },
      close: () => req.destroy(),
    }
  })
}

const position = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 10, offset: 9 } }

/** A schedule definition as the runtime registers one. */
export function scheduleDefinition(
  name: string,
  overrides: Partial<ScheduleDefinition> = {},
): ScheduleDefinition {
  return {
    name,
    trigger: { kind: 'interval', everyMs: 60_000 },
    timezone: 'UTC',
    retry: 0,
    overlap: false,
    enabled: true,
    misfire: 'run-once',
    body: [{ type: 'log', position, level: 'info', message: { type: 'template', parts: ['tick'] } }],
    functions: [],
    snapshot: {},
    ...overrides,
  }
}
