import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { CliError, ErrorCodes } from '@quantum/ast'
import type { QueueAdapter } from '@quantum/queue'
import type { Store } from '@quantum/store'
import type { Target } from './args'

/** The store and queue of one deployment, as the server reads and controls them. */
export interface Deployment {
  store: Store
  queue: QueueAdapter
  /** What the server shows it is attached to: the database file, or Redis URL and prefix. */
  location: string
  close(): Promise<void>
}

/**
 * Attaches to a deployment others run: the SQLite state folder's `quantum.db` (which must exist: a
 * monitor never creates a deployment out of a mistyped path), or Redis at a URL and key prefix. The Redis
 * clients are loaded only for Redis.
 *
 * @throws CliError `CLI_HOME` when the folder holds no `quantum.db`; the store's and queue's own errors
 *   (`STORE_UNAVAILABLE`, `QUEUE_CONNECTION_CLOSED`) when they cannot be opened
 */
export async function openDeployment(target: Target, onError: (error: Error) => void): Promise<Deployment> {
  if (target.kind === 'sqlite') {
    const home = resolve(target.home)
    if (!existsSync(join(home, 'quantum.db'))) {
      throw new CliError(ErrorCodes.CLI_HOME, `No deployment in ${home}: it holds no quantum.db`)
    }
    const { openSqliteStore } = await import('@quantum/store/sqlite')
    const { openEmbeddedQueue } = await import('@quantum/queue/embedded')
    return pair(await openSqliteStore({ home, onError }), () => openEmbeddedQueue({ home }))
  }
  const { openRedisStore } = await import('@quantum/store/redis')
  const { openBeeQueue } = await import('@quantum/queue/bee')
  const where = { url: target.url, ...(target.prefix === undefined ? {} : { prefix: target.prefix }) }
  return pair(await openRedisStore({ ...where, onError }), () => openBeeQueue(where))
}

async function pair(store: Store, openQueue: () => Promise<QueueAdapter>): Promise<Deployment> {
  let queue: QueueAdapter
  try {
    queue = await openQueue()
    await queue.ready()
  } catch (error) {
    await store.close()
    throw error
  }
  return {
    store,
    queue,
    location: store.location,
    close: async () => {
      await Promise.allSettled([queue.close(), store.close()])
    },
  }
}
