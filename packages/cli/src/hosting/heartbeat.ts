import type { Store, WorkerInfo } from '@quantum/store'

/** How long one heartbeat keeps a worker listed, and how often it is sent again (well within). */
export const HEARTBEAT = { ttlMs: 15_000, everyMs: 5_000 }

/**
 * Announce `worker` in the store now and every few seconds, so `quantum run` and `quantum jobs run` know
 * a worker is alive; a heartbeat that fails goes to `onError` and the next one tries again. The result
 * stops the heartbeats and withdraws the worker.
 */
export async function announceWorker(
  store: Store,
  worker: WorkerInfo,
  onError: (error: unknown) => void,
): Promise<() => Promise<void>> {
  const beat = () => store.heartbeat(worker, HEARTBEAT.ttlMs)
  await beat()
  let sending: Promise<void> = Promise.resolve()
  const timer = setInterval(() => {
    sending = beat().catch(onError)
  }, HEARTBEAT.everyMs)
  return async () => {
    clearInterval(timer)
    await sending
    await store.removeWorker(worker.id)
  }
}
