/** `setTimeout` fires at once beyond 2^31-1 ms (about 24.8 days); a longer wait is armed in pieces. */
const MAX_TIMER = 2_147_483_647

/**
 * Wait `ms` without blocking. When `signal` fires (now or during the wait) the promise rejects at once
 * with the signal's reason, and the timer is cleared.
 */
export function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason)
  return new Promise((resolve, reject) => {
    let timer: NodeJS.Timeout
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal?.reason)
    }
    const arm = (remaining: number) => {
      timer = setTimeout(
        () => {
          if (remaining > MAX_TIMER) return arm(remaining - MAX_TIMER)
          signal?.removeEventListener('abort', onAbort)
          resolve()
        },
        Math.min(remaining, MAX_TIMER),
      )
    }
    arm(ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
