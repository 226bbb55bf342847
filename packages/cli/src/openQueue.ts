import type { QueueAdapter } from '@quantum/queue'
import type { QuantumConfig } from './config'
import type { GlobalOptions } from './globalOptions'
import { storeLocation } from './openStore'

/**
 * The job queue beside the configured store: bee-queue on the same Redis and key prefix when Redis is
 * configured, else the embedded queue in the state folder's `quantum.db`. Each adapter's client is
 * loaded only when used. The caller closes it.
 *
 * @throws QueueError `QUEUE_CONNECTION_CLOSED` when the database cannot be opened or Redis does not answer
 */
export async function openConfiguredQueue(
  globals: GlobalOptions,
  config: QuantumConfig,
): Promise<QueueAdapter> {
  const location = storeLocation(globals, config)
  if (location.kind === 'sqlite') {
    const { openEmbeddedQueue } = await import('@quantum/queue/embedded')
    return openEmbeddedQueue({ home: location.home })
  }
  const { openBeeQueue } = await import('@quantum/queue/bee')
  return openBeeQueue(
    location.prefix === undefined ? { url: location.url } : { url: location.url, prefix: location.prefix },
  )
}
