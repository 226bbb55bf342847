import { setLongTimeout } from '@quantum/time'

/**
 * Wait `ms` without blocking (however long: see `setLongTimeout`). When `signal` fires (now or during
 * the wait) the promise rejects at once with the signal's reason, and the timer is cleared.
 */
export function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason)
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      cancel()
      reject(signal?.reason)
    }
    const cancel = setLongTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
