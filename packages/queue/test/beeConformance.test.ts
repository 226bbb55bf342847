import { afterAll, beforeAll } from 'vitest'
import { openBeeQueue } from '../src/bee'
import { describeQueue } from './conformance/describeQueue'
import { REDIS_URL, type RedisAdmin, redisAdmin, uniquePrefix } from './support/redisAdmin'

let admin: RedisAdmin
beforeAll(async () => {
  admin = await redisAdmin()
})
afterAll(async () => {
  await admin.close()
})

describeQueue('bee', async () => {
  const prefix = uniquePrefix()
  const options = (leaseMs = 1000) => ({ url: REDIS_URL, prefix, stallIntervalMs: leaseMs, pollMs: 100 })
  return {
    open: (open) => openBeeQueue(options(open?.leaseMs)),
    childConfig: (open) => ({ kind: 'bee', options: options(open?.leaseMs) }),
    cleanup: () => admin.deletePrefix(prefix),
  }
})
