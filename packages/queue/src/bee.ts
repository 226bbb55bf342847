/**
 * @packageDocumentation
 * The distributed queue: jobs on bee-queue and Redis, for any number of workers on any number of
 * machines. bee-queue has no priority, so each priority is a bee-queue of its own ("band"), drained
 * highest first; delays use `delayUntil` with delayed jobs activated; retries use upstream's backoff;
 * stalled jobs (a dead worker's) come back on an interval; progress goes out as bee-queue events.
 */
import { ErrorCodes, QuantumError } from '@quantum/ast'
import { BeeAdapter } from './bee/beeQueue'
import { loadBee } from './bee/client'
import type { QueueAdapter } from './contract'
import { coded, queueError } from './internal/errors'

/** Where and how to open the bee adapter. Every option has a default. */
export interface BeeQueueOptions {
  /** @defaultValue `QUANTUM_REDIS_URL`, else `REDIS_URL`, else `redis://127.0.0.1:6379` */
  url?: string
  /** Every key the adapter and its bee-queues write starts with this. @defaultValue `'quantum'` */
  prefix?: string
  /**
   * bee-queue's stall interval, which is also an attempt's lease, in ms: a dead worker's jobs run
   * again after one to two of these. @defaultValue 5000 (bee-queue's)
   */
  stallIntervalMs?: number
  /** How often workers look for new queues, priority bands and paused queues, in ms. @defaultValue 500 */
  pollMs?: number
}

/**
 * Connects to Redis and returns the bee-queue adapter.
 *
 * @throws QueueError `QUEUE_CONNECTION_CLOSED` when `bee-queue` (an optional peer) is missing or Redis
 *   cannot be reached; `QUEUE_ERROR` for a bad option
 */
export async function openBeeQueue(options: BeeQueueOptions = {}): Promise<QueueAdapter> {
  const url =
    options.url ?? process.env.QUANTUM_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
  const settings = redisSettings(url)
  const stallIntervalMs = whole(options.stallIntervalMs ?? 5000, 'stallIntervalMs', 100)
  const pollMs = whole(options.pollMs ?? 500, 'pollMs', 10)
  const prefix = options.prefix ?? 'quantum'
  let bee: Awaited<ReturnType<typeof loadBee>>
  try {
    bee = await loadBee()
  } catch (error) {
    throw coded(
      ErrorCodes.QUEUE_CONNECTION_CLOSED,
      "Cannot open the bee queue: the 'bee-queue' package is not installed (add it next to @quantum/queue)",
      { package: 'bee-queue' },
      error,
    )
  }
  // bee-queue 2 recognises only node_redis 3 clients: plain settings make it open its own (TOOLCHAIN).
  const root = new bee.Queue('_', {
    prefix: `${prefix}:bq`,
    redis: { ...settings, retry_strategy: retryStrategy } as never,
    isWorker: false,
    getEvents: false,
    sendEvents: false,
    storeJobs: false,
  })
  let onError: (error: Error) => void = () => {}
  const failure = new Promise<never>((_, reject) => {
    onError = reject
  })
  root.once('error', onError)
  try {
    await Promise.race([root.ready(), failure])
    root.removeListener('error', onError)
  } catch (error) {
    await root.close().catch(() => {})
    if (QuantumError.is(error)) throw error
    throw coded(
      ErrorCodes.QUEUE_CONNECTION_CLOSED,
      `Cannot reach Redis at ${url}: ${(error as Error).message}`,
      { url },
      error,
    )
  }
  const adapter = new BeeAdapter(bee, root, prefix, { stallIntervalMs, pollMs })
  root.on('error', (error: Error) => adapter.report(error))
  // After a restart Redis has forgotten every script; bee-queue calls its own by SHA only.
  adapter.client.on('ready', () => {
    bee.loadScripts(adapter.client).catch((error: Error) => adapter.report(error))
  })
  return adapter
}

/** Reconnect forever, waiting longer each time up to 2 s: a worker outlives a Redis restart. */
function retryStrategy(options: { attempt: number }): number {
  return Math.min(2000, 50 * 2 ** Math.min(options.attempt, 6))
}

function redisSettings(url: string) {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch (error) {
    throw queueError(`Invalid Redis URL: ${url}`, { url }, error)
  }
  if (parsed.protocol !== 'redis:') throw queueError(`Invalid Redis URL (redis:// expected): ${url}`, { url })
  const db = parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0
  return {
    host: parsed.hostname || '127.0.0.1',
    port: parsed.port ? Number(parsed.port) : 6379,
    db,
    ...(parsed.password && { password: decodeURIComponent(parsed.password) }),
  }
}

function whole(value: number, name: string, min: number): number {
  if (!Number.isSafeInteger(value) || value < min)
    throw queueError(`Invalid ${name}: ${value} (an integer of at least ${min})`)
  return value
}
