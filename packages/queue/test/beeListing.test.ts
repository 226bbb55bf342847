import { afterAll, beforeAll, expect, it } from 'vitest'
import { openBeeQueue } from '../src/bee'
import type { QueueAdapter } from '../src/contract'
import { REDIS_URL, type RedisAdmin, redisAdmin, uniquePrefix } from './support/redisAdmin'

// The conformance suite's lists read the few jobs of a status directly; past 10,000 of them the bee
// adapter walks its creation index instead, checked here.
let admin: RedisAdmin
let queue: QueueAdapter
const prefix = uniquePrefix()
beforeAll(async () => {
  admin = await redisAdmin()
  queue = await openBeeQueue({ url: REDIS_URL, prefix })
})
afterAll(async () => {
  await queue.close()
  await admin.deletePrefix(prefix)
  await admin.close()
})

it('pages and counts more than 10,000 jobs of one status by walking the index', async () => {
  const receipts = await queue.enqueueMany(
    Array.from({ length: 10_010 }, (_, i) => ({ name: i % 2 === 0 ? 'even' : 'odd', delayMs: 600_000 })),
  )
  const ids = receipts.map((receipt) => receipt.id)
  const at = (fromEnd: number) => ids[ids.length - fromEnd] as string
  for (const id of [at(1), at(3)]) expect(await queue.cancel(id)).toBe(true)

  const page = await queue.list({ status: 'pending', order: 'newest', offset: 1, limit: 3 })
  expect(page.map((job) => job.id)).toEqual([at(4), at(5), at(6)])
  expect(page.map((job) => job.status)).toEqual(['pending', 'pending', 'pending'])
  const oldest = await queue.list({ status: 'pending', offset: 10_005, limit: 10 })
  expect(oldest.map((job) => job.id)).toEqual([at(5), at(4), at(2)])
  expect(await queue.count({ status: 'pending' })).toBe(10_008)
  expect(await queue.count({ status: 'cancelled' })).toBe(2)
  expect(await queue.count({ status: 'pending', name: 'even' })).toBe(5005)
  const evens = await queue.list({ status: 'pending', name: 'even', order: 'newest', limit: 2 })
  expect(evens.map((job) => job.id)).toEqual([at(2), at(4)])
})
