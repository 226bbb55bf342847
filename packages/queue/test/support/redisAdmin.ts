import { randomUUID } from 'node:crypto'
import { createClient } from 'redis'

/** The Redis the tests use. */
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'

/** A key prefix no other test (or engineer) uses. */
export const uniquePrefix = () => `quantum-test-${randomUUID()}`

/** A plain client for looking at and deleting a test's keys. */
export interface RedisAdmin {
  keys(prefix: string): Promise<string[]>
  deletePrefix(prefix: string): Promise<void>
  close(): Promise<void>
}

export async function redisAdmin(): Promise<RedisAdmin> {
  const client = createClient({ url: REDIS_URL })
  client.on('error', () => {})
  await client.connect()
  const keys = async (prefix: string) => {
    const found: string[] = []
    for await (const page of client.scanIterator({ MATCH: `${prefix}:*`, COUNT: 500 })) found.push(...page)
    return found.sort()
  }
  return {
    keys,
    async deletePrefix(prefix) {
      const found = await keys(prefix)
      if (found.length > 0) await client.del(found)
    },
    close: () => client.close(),
  }
}
