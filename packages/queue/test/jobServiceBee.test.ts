import { openRedisStore } from '@quantum/store/redis'
import { afterAll, beforeAll } from 'vitest'
import { openBeeQueue } from '../src/bee'
import { describeJobService } from './service/describeJobService'
import { REDIS_URL, type RedisAdmin, redisAdmin, uniquePrefix } from './support/redisAdmin'

let admin: RedisAdmin
beforeAll(async () => {
  admin = await redisAdmin()
})
afterAll(() => admin.close())

describeJobService('bee', async () => {
  const prefix = uniquePrefix()
  return {
    queue: await openBeeQueue({ url: REDIS_URL, prefix, stallIntervalMs: 1000, pollMs: 100 }),
    store: await openRedisStore({ url: REDIS_URL, prefix }),
    cleanup: () => admin.deletePrefix(prefix),
  }
})
