import { afterAll, beforeAll } from 'vitest'
import { openRedisStore } from '../src/redis'
import { describeStore } from './conformance/describeStore'
import { REDIS_URL, type RedisAdmin, redisAdmin, uniquePrefix } from './redisAdmin'

let admin: RedisAdmin
beforeAll(async () => {
  admin = await redisAdmin()
})
afterAll(async () => {
  await admin.close()
})

describeStore('redis', async () => {
  const prefix = uniquePrefix()
  return {
    open: (options) => openRedisStore({ ...options, url: REDIS_URL, prefix }),
    cleanup: () => admin.deletePrefix(prefix),
  }
})
