import { afterAll, beforeAll } from 'vitest'
import { describeReliability } from './reliability/describeReliability'
import { beeHarness } from './reliability/harnesses'
import { type RedisAdmin, redisAdmin } from './support/redisAdmin'

let admin: RedisAdmin
beforeAll(async () => {
  admin = await redisAdmin()
})
afterAll(() => admin.close())

describeReliability('bee', () => beeHarness(admin))
