import { openRedisStore } from '@quantum/store/redis'
import { afterAll, beforeAll } from 'vitest'
import { openBeeQueue } from '../src/bee'
import { describeReliability } from './reliability/describeReliability'
import { REDIS_URL, type RedisAdmin, redisAdmin, uniquePrefix } from './support/redisAdmin'

let admin: RedisAdmin
beforeAll(async () => {
  admin = await redisAdmin()
})
afterAll(() => admin.close())

describeReliability('bee', async () => {
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
})
