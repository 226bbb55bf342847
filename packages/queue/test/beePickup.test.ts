import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import { openBeeQueue } from '../src/bee'
import type { QueueAdapter } from '../src/contract'
import { REDIS_URL, type RedisAdmin, redisAdmin, uniquePrefix } from './support/redisAdmin'
import { deferred, sleep } from './support/wait'

// The bee processor takes jobs itself and, when its bands are empty, looks again less and less often (up
// to pollMs). A job enqueued by another connection must not wait for that: the enqueue rings a doorbell.

let admin: RedisAdmin
const prefix = uniquePrefix()
const opened: QueueAdapter[] = []

beforeAll(async () => {
  admin = await redisAdmin()
})
afterEach(async () => {
  await Promise.all(opened.splice(0).map((queue) => queue.close()))
  await admin.deletePrefix(prefix)
})
afterAll(() => admin.close())

it('an idle worker starts a job another process enqueued at once, long before its next look', async () => {
  const pollMs = 5000
  const worker = await openBeeQueue({ url: REDIS_URL, prefix, pollMs })
  const producer = await openBeeQueue({ url: REDIS_URL, prefix, pollMs })
  opened.push(worker, producer)
  const started = deferred<number>()
  worker.process(async () => started.resolve(Date.now()))
  // Idle for 3 s: the worker's next look for jobs (and for queues) is now more than a second away.
  await sleep(3000)
  const enqueuedAt = Date.now()
  await producer.enqueue({ name: 'now' })
  expect((await started.promise) - enqueuedAt).toBeLessThan(1500)
}, 15_000)
