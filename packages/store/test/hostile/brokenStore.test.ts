import { closeSync, existsSync, openSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Store } from '../../src/index'
import { openRedisStore } from '../../src/redis'
import { openSqliteStore, STATE_DATABASE_FILE } from '../../src/sqlite'
import { inChild } from '../child'
import { scheduleDefinition } from '../conformance/harness'
import { redisAdmin, uniquePrefix } from '../redisAdmin'
import { redisProxy } from './redisProxy'

let home: string
const opened: Store[] = []
const cleanups: (() => Promise<void>)[] = []

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'quantum-store-broken-'))
})
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close().catch(() => {})
  for (const cleanup of cleanups.splice(0)) await cleanup()
  await rm(home, { recursive: true, force: true })
})

const openSqlite = async () => {
  const store = await openSqliteStore({ home, busyTimeoutMs: 200 })
  opened.push(store)
  return store
}

/** How long a rejection took, and its code. */
async function failure(promise: Promise<unknown>): Promise<{ code: unknown; message: string; ms: number }> {
  const began = performance.now()
  const error = await promise.then(
    () => new Error('resolved'),
    (rejected: unknown) => rejected as Error,
  )
  return {
    code: (error as { code?: unknown }).code,
    message: error.message,
    ms: performance.now() - began,
  }
}

describe('a state database truncated under an open store', () => {
  it('fails check() with STORE_CORRUPT naming the file, though the connection still reads', async () => {
    const store = await openSqlite()
    await store.registerSchedule(scheduleDefinition('tick'), { nextRun: null })
    await store.check()
    const path = join(home, STATE_DATABASE_FILE)
    truncateSync(path, 0)
    // The connection's cache and WAL still answer: only a look at the file tells.
    expect((await store.listSchedules()).map((schedule) => schedule.name)).toEqual(['tick'])
    const checked = await failure(store.check())
    expect(checked.code).toBe('STORE_CORRUPT')
    expect(checked.message).toContain(path)
    expect(checked.ms).toBeLessThan(2_000)
  })

  it('is refused by another opener as damaged (not "locked"), and its WAL survives the attempt', async () => {
    const store = await openSqlite()
    await store.registerSchedule(scheduleDefinition('tick'), { nextRun: null })
    const path = join(home, STATE_DATABASE_FILE)
    truncateSync(path, 0)
    // In this process the open connection is shared, and refused too.
    const joining = await failure(openSqliteStore({ home, busyTimeoutMs: 200 }))
    expect(joining.code).toBe('STORE_CORRUPT')
    expect(joining.message).toContain(path)
    // Another process (the CLI beside a worker) opens the file itself.
    const other = await failure(inChild({ kind: 'sqlite', home }, 'register', ['other']))
    expect(other.message).toMatch(/STORE_CORRUPT/)
    expect(other.message).toContain(path)
    expect(other.message).not.toMatch(/locked/)
    // SQLite deletes the WAL of an empty file it opens: what the running worker still had would be gone.
    expect(existsSync(`${path}-wal`)).toBe(true)
  })

  it('names an overwritten file as not a database when opened', async () => {
    const path = join(home, STATE_DATABASE_FILE)
    writeFileSync(path, 'x'.repeat(8192))
    const opening = await failure(openSqliteStore({ home }))
    expect(opening.code).toBe('STORE_CORRUPT')
    expect(opening.message).toContain(path)
  })

  it('says STORE_CORRUPT for a file that is valid but damaged inside, on the next read', async () => {
    const store = await openSqlite()
    await store.registerSchedule(scheduleDefinition('tick'), { nextRun: null })
    await store.close()
    const path = join(home, STATE_DATABASE_FILE)
    // Keep the header, wreck every page after the first.
    const fd = openSync(path, 'r+')
    writeSync(fd, Buffer.alloc(statSync(path).size - 4096, 0xa5), 0, undefined, 4096)
    closeSync(fd)
    const again = await failure(openSqliteStore({ home }).then((reopened) => reopened.listSchedules()))
    expect(again.code).toBe('STORE_CORRUPT')
  })
})

describe('a Redis that stops answering', () => {
  it('fails check() with STORE_UNAVAILABLE within its bound, and passes again once Redis is back', async () => {
    const proxy = await redisProxy()
    cleanups.push(proxy.close)
    const prefix = uniquePrefix()
    const admin = await redisAdmin()
    cleanups.push(async () => {
      await admin.deletePrefix(prefix)
      await admin.close()
    })
    const store = await openRedisStore({ url: proxy.url, prefix, onError: () => {} })
    opened.push(store)
    await store.check()
    proxy.cut()
    const checked = await failure(store.check())
    expect(checked.code).toBe('STORE_UNAVAILABLE')
    // CHECK_TIMEOUT_MS is 2 s: well under 10 s on a busy machine.
    expect(checked.ms).toBeLessThan(10_000)
    proxy.mend()
    const began = performance.now()
    for (;;) {
      if (
        await store.check().then(
          () => true,
          () => false,
        )
      )
        break
      expect(performance.now() - began).toBeLessThan(15_000)
    }
  }, 40_000)
})
