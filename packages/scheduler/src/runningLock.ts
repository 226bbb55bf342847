import { runningLockKey } from '@quantum/store'
import type { FireContext } from './context'

/** How long the running lock outlives a host that died mid-fire; renewed every third of it. */
const RUNNING_TTL_MS = 30_000
/** How often to try again for a running lock held by the previous fire, until the due instant. */
const RETRY_MS = 20

/**
 * Takes the schedule's running lock for an `overlap="false"` fire, in any process. Held by the previous
 * fire, it is tried again until the due instant (`startAt`, this process's time): a previous fire that
 * ends before then does not make this one skip. Resolves with the release, or undefined when still held.
 */
export async function takeRunningLock(
  ctx: FireContext,
  name: string,
  startAt: number,
): Promise<(() => Promise<void>) | undefined> {
  const key = runningLockKey(name)
  const { store, workerId } = ctx
  while (!(await store.acquireLock(key, RUNNING_TTL_MS, workerId))) {
    const wait = startAt - Date.now()
    if (wait <= 0) return undefined
    await new Promise((resolve) => setTimeout(resolve, Math.min(RETRY_MS, wait)))
  }
  const report = (error: unknown) => ctx.emit({ type: 'problem', name, message: String(error) })
  const renew = setInterval(
    () => void store.extendLock(key, RUNNING_TTL_MS, workerId).catch(report),
    RUNNING_TTL_MS / 3,
  )
  return async () => {
    clearInterval(renew)
    await store.releaseLock(key, workerId).catch(report)
  }
}
