import { createClient } from 'redis'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { ControlEvent, Store } from '../src/index'
import { openRedisStore } from '../src/redis'
import { inChild } from './child'
import { jobDefinition, scheduleDefinition, until } from './conformance/harness'
import { REDIS_URL, type RedisAdmin, redisAdmin, uniquePrefix } from './redisAdmin'

let admin: RedisAdmin
const prefixes: string[] = []
const opened: Store[] = []
const open = async (prefix: string, options: Parameters<typeof openRedisStore>[0] = {}) => {
  const store = await openRedisStore({ url: REDIS_URL, prefix, ...options })
  opened.push(store)
  return store
}
const newPrefix = () => {
  const prefix = uniquePrefix()
  prefixes.push(prefix)
  return prefix
}

beforeAll(async () => {
  admin = await redisAdmin()
})
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()))
  for (const prefix of prefixes.splice(0)) await admin.deletePrefix(prefix)
})
afterAll(async () => {
  await admin.close()
})

describe('the Redis store', () => {
  it('keeps every key under its prefix', async () => {
    const prefix = newPrefix()
    const store = await open(prefix)
    await store.registerSchedule(scheduleDefinition('a'), { nextRun: null })
    await store.defineJob(jobDefinition('b'))
    await store.recordRun({ kind: 'schedule', name: 'a', status: 'success' })
    await store.acquireLock('fire:a:2027-01-01T00:00:00.000Z', 10_000, 'me')
    await store.heartbeat({ id: 'w', host: 'h', pid: 1, startedAt: new Date() }, 10_000)
    const keys = await admin.keys(prefix)
    expect(keys.length).toBeGreaterThan(8)
    expect(keys.every((key) => key.startsWith(`${prefix}:`))).toBe(true)
    expect(keys).toEqual(expect.arrayContaining([`${prefix}:schedule:a`, `${prefix}:job:b`]))
    await store.deleteSchedule('a')
    expect(await admin.keys(prefix)).not.toContain(`${prefix}:schedule:a`)
  })

  it('keeps installations with different prefixes apart, data and control', async () => {
    const one = await open(newPrefix())
    const two = await open(newPrefix())
    const heard: ControlEvent[] = []
    await two.watch((event) => heard.push(event))
    await one.registerSchedule(scheduleDefinition('mine'), { nextRun: null })
    await one.pauseSchedule('mine')
    expect(await two.getSchedule('mine')).toBeUndefined()
    expect(await two.pauseSchedule('mine')).toBe(false)
    await two.registerSchedule(scheduleDefinition('theirs'), { nextRun: null })
    await until(() => heard.length === 1, 2000, "two's own event")
    expect(heard.map((event) => event.name)).toEqual(['theirs'])
  })

  it('fails fast with STORE_UNAVAILABLE when Redis does not answer, without showing the password', async () => {
    const started = Date.now()
    const failure = await openRedisStore({ url: 'redis://:hunter2@127.0.0.1:1', prefix: 'x' }).catch((e) => e)
    expect(failure).toMatchObject({
      code: 'STORE_UNAVAILABLE',
      message: expect.stringContaining('127.0.0.1:1'),
    })
    expect(failure.message).not.toContain('hunter2')
    expect(Date.now() - started).toBeLessThan(5000)
  })

  it('delivers control from another process within a second, and grants a lock to one process', async () => {
    const prefix = newPrefix()
    const child = { kind: 'redis' as const, url: REDIS_URL, prefix }
    const worker = await open(prefix)
    await worker.registerSchedule(scheduleDefinition('tick'), { nextRun: null })
    const events: (ControlEvent & { receivedAt: number })[] = []
    await worker.watch((event) => events.push({ ...event, receivedAt: Date.now() }))
    const { result, doneAt } = await inChild(child, 'pause', ['tick'])
    expect(result).toBe(true)
    await until(() => events.length === 1, 2000, 'pause from another process')
    expect(events[0]).toMatchObject({ action: 'pause', name: 'tick' })
    expect(events[0]!.receivedAt - doneAt).toBeLessThan(1000)

    const startAt = Date.now() + 800
    const takes = await Promise.all(
      ['a', 'b', 'c'].map((owner) =>
        inChild(child, 'lock', ['fire:tick:2027-01-01T00:00:00.000Z', owner], startAt),
      ),
    )
    expect(takes.filter(({ result }) => result === true)).toHaveLength(1)
  })

  it('reports a dropped pub/sub connection once, and hears control again when it is back', async () => {
    const prefix = newPrefix()
    const errors: Error[] = []
    const worker = await open(prefix, { onError: (error) => errors.push(error) })
    const cli = await open(prefix)
    await cli.registerSchedule(scheduleDefinition('tick'), { nextRun: null })
    const events: ControlEvent[] = []
    await worker.watch((event) => events.push(event))

    const killer = createClient({ url: REDIS_URL })
    killer.on('error', () => {})
    await killer.connect()
    try {
      const list = await killer.sendCommand<string>(['CLIENT', 'LIST', 'TYPE', 'pubsub'])
      const ours = list.split('\n').filter((line) => line.includes(` name=quantum-store:${prefix} `))
      expect(ours).toHaveLength(1)
      const id = /\bid=(\d+)/.exec(ours[0]!)![1]!
      await killer.sendCommand(['CLIENT', 'KILL', 'ID', id])
    } finally {
      await killer.close()
    }
    // Events sent while the connection is down are lost (pub/sub); once it is back, they flow again.
    const deadline = Date.now() + 5000
    while (!events.some((event) => event.action === 'pause') && Date.now() < deadline) {
      await cli.pauseSchedule('tick')
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
    expect(events.some((event) => event.action === 'pause')).toBe(true)
    expect(errors).toEqual([
      expect.objectContaining({
        code: 'STORE_UNAVAILABLE',
        message: expect.stringContaining('Lost the connection'),
      }),
    ])
  })
})
