import { once } from 'node:events'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Datasources } from '../../src/index'
import { createDatasources, createHttp } from '../../src/services'
import { runError } from '../helpers'

let home: string
let datasources: Datasources

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'quantum-tags-cancel-'))
  datasources = createDatasources({ db: { driver: 'sqlite', path: join(home, 'app.db') } }, { home })
})

afterEach(async () => {
  await datasources.close()
  rmSync(home, { recursive: true, force: true })
})

/** Abort `controller` `ms` from now. */
function abortAfter(controller: AbortController, ms: number, reason?: unknown) {
  setTimeout(() => controller.abort(reason), ms)
}

describe('a cancelled run', () => {
  it('wakes from q:sleep at once and rejects with RUNTIME_ABORTED at the sleep', async () => {
    const controller = new AbortController()
    const started = Date.now()
    abortAfter(controller, 50)
    const error = await runError(
      `<q:component name="Test">
  <q:set name="before" value="1"/>
  <q:sleep duration="5s"/>
  <q:set name="after" value="2"/>
</q:component>`,
      { signal: controller.signal },
    )
    expect(error.code).toBe('RUNTIME_ABORTED')
    expect(error.location).toBe('test.q:3:3')
    expect(Date.now() - started).toBeLessThan(1000)
  })

  it("carries the signal's reason in the message", async () => {
    const controller = new AbortController()
    abortAfter(controller, 20, new Error('shutting down'))
    const error = await runError('<q:sleep duration="5s"/>', { signal: controller.signal })
    expect(error.code).toBe('RUNTIME_ABORTED')
    expect(error.message).toBe('shutting down')
  })

  it('runs no statement after the abort: the rows written before it stay, the rest never happen', async () => {
    const controller = new AbortController()
    // Abort while the body sleeps, once the first rows are in (queries take their own time to run).
    const logger = { log: () => abortAfter(controller, 20) }
    const error = await runError(
      `
      <q:query datasource="db">CREATE TABLE steps (name TEXT)</q:query>
      <q:query datasource="db">INSERT INTO steps VALUES ('before')</q:query>
      <q:log message="sleeping"/>
      <q:sleep duration="5s"/>
      <q:query datasource="db">INSERT INTO steps VALUES ('after')</q:query>
    `,
      { services: { datasources, logger }, signal: controller.signal },
    )
    expect(error.code).toBe('RUNTIME_ABORTED')
    const db = new Database(join(home, 'app.db'), { readonly: true })
    try {
      expect(db.prepare('SELECT name FROM steps').all()).toEqual([{ name: 'before' }])
    } finally {
      db.close()
    }
  })

  it('stops a long synchronous loop (the run yields to the event loop, so the abort gets in)', async () => {
    const controller = new AbortController()
    abortAfter(controller, 100)
    const started = Date.now()
    const error = await runError(
      `
      <q:set name="count" value="{0}"/>
      <q:loop type="range" var="i" from="1" to="40000000">
        <q:set name="count" operation="increment"/>
      </q:loop>
    `,
      { signal: controller.signal },
    )
    expect(error.code).toBe('RUNTIME_ABORTED')
    expect(Date.now() - started).toBeLessThan(2000)
  })

  describe('with an HTTP call in flight', () => {
    let server: Server
    let base: string
    let closed: Promise<void>
    let arrived: Promise<void>

    beforeEach(async () => {
      let onClose: () => void = () => {}
      let onArrive: () => void = () => {}
      closed = new Promise((resolve) => {
        onClose = resolve
      })
      arrived = new Promise((resolve) => {
        onArrive = resolve
      })
      server = createServer((request) => {
        // Never answers; the client going away closes the request.
        request.socket.on('close', () => onClose())
        onArrive()
      })
      server.listen(0, '127.0.0.1')
      await once(server, 'listening')
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    })

    afterEach(async () => {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    })

    it('aborts the request: the server sees the connection close, the run rejects with RUNTIME_ABORTED', async () => {
      const controller = new AbortController()
      // Cancel once the request is in flight (a fixed delay may fire before it starts on a busy machine).
      let started = 0
      void arrived.then(() => {
        started = Date.now()
        controller.abort()
      })
      const error = await runError(
        `<q:component name="Test">
  <q:invoke name="slow" url="{base}/wait" timeout="30s"/>
</q:component>`,
        { services: { http: createHttp() }, params: { base }, signal: controller.signal },
      )
      expect(error.code).toBe('RUNTIME_ABORTED')
      expect(error.location).toBe('test.q:2:3')
      expect(Date.now() - started).toBeLessThan(2000)
      await expect(closed).resolves.toBeUndefined()
    })
  })

  it('does not start when the signal is already aborted', async () => {
    const controller = new AbortController()
    controller.abort()
    const error = await runError(
      `
      <q:query datasource="db">CREATE TABLE never (n INTEGER)</q:query>
    `,
      { services: { datasources }, signal: controller.signal },
    )
    expect(error.code).toBe('RUNTIME_ABORTED')
    const db = new Database(join(home, 'app.db'))
    try {
      expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'never'").all()).toEqual([])
    } finally {
      db.close()
    }
  })
})
