import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { openBeeQueue } from '../src/bee'
import type { QueueAdapter } from '../src/contract'
import { createEffects } from './support/effects'
import { type RedisServer, redisServer } from './support/redisServer'
import { sleep, waitFor } from './support/wait'
import { Workers } from './support/workers'

let dir: string
let server: RedisServer
let queue: QueueAdapter | undefined
const workers = new Workers()

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'quantum-redis-'))
  server = redisServer(20_000 + Math.floor(Math.random() * 20_000), dir)
  await server.start()
})
afterEach(async () => {
  await workers.killAll()
  await queue?.close()
  await server.stop()
  await rm(dir, { recursive: true, force: true })
})

it('workers ride out a Redis restart mid-run and finish every job, each effect once', async () => {
  const effects = createEffects(dir)
  try {
    const options = { url: server.url, prefix: 'restart', stallIntervalMs: 1000, pollMs: 100 }
    queue = await openBeeQueue(options)
    const config = { kind: 'bee', concurrency: 10, options, effects: effects.path }
    await Promise.all([1, 2].map(() => workers.start(config, 'effects')))
    const total = 2000
    await queue.enqueueMany(
      Array.from({ length: total }, (_, i) => ({ name: 'effect', params: { key: `k${i}`, ms: 5 } })),
    )
    await waitFor(
      async () => ((await queue?.stats('default'))?.completed ?? 0) >= 300,
      'some jobs to complete',
    )
    await server.stop()
    // Stopped mid-run: jobs were still waiting and running when Redis went away.
    const before = effects.count()
    expect(before).toBeLessThan(total)
    await sleep(1000)
    await server.start()
    await waitFor(
      async () => (await queue?.stats('default'))?.completed === total,
      'every job to complete after the restart',
      60_000,
    )
    expect(await queue.stats('default')).toMatchObject({
      pending: 0,
      running: 0,
      failed: 0,
      completed: total,
    })
    expect(effects.count()).toBe(total)
  } finally {
    effects.close()
  }
}, 90_000)
