import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openRedisStore } from '@quantum/store/redis'
import { openSqliteStore } from '@quantum/store/sqlite'
import { afterAll, beforeAll } from 'vitest'
import { openBeeQueue } from '../../src/bee'
import { openEmbeddedQueue } from '../../src/embedded'
import { REDIS_URL, type RedisAdmin, redisAdmin, uniquePrefix } from '../support/redisAdmin'
import type { ReliabilityHarness } from './describeReliability'

/** An embedded queue and SQLite store in a temp state folder, which worker children open too. */
export async function embeddedHarness(): Promise<ReliabilityHarness> {
  const home = await mkdtemp(join(tmpdir(), 'quantum-reliable-'))
  return {
    queue: await openEmbeddedQueue({ home, pollMs: 50 }),
    store: await openSqliteStore({ home }),
    config: ({ leaseMs, concurrency }) => ({
      kind: 'embedded',
      concurrency,
      options: { home, leaseMs, pollMs: 50 },
    }),
    cleanup: () => rm(home, { recursive: true, force: true }),
  }
}

/** A bee queue and Redis store under a unique key prefix, which `admin` deletes at cleanup. */
export async function beeHarness(admin: RedisAdmin): Promise<ReliabilityHarness> {
  const prefix = uniquePrefix()
  return {
    queue: await openBeeQueue({ url: REDIS_URL, prefix, pollMs: 100 }),
    store: await openRedisStore({ url: REDIS_URL, prefix }),
    config: ({ leaseMs, concurrency }) => ({
      kind: 'bee',
      concurrency,
      options: { url: REDIS_URL, prefix, stallIntervalMs: leaseMs, pollMs: 100 },
    }),
    cleanup: () => admin.deletePrefix(prefix),
  }
}

/**
 * Both harnesses by name, for `describe.each`: call it at the top of a test file (it opens the bee
 * harness's Redis admin before the file's tests and closes it after).
 */
export function bothHarnesses(): [string, () => Promise<ReliabilityHarness>][] {
  let admin: RedisAdmin
  beforeAll(async () => {
    admin = await redisAdmin()
  })
  afterAll(() => admin.close())
  return [
    ['embedded', embeddedHarness],
    ['bee', () => beeHarness(admin)],
  ]
}
