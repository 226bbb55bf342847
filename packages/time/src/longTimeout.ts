/** `setTimeout` fires at once beyond 2^31-1 ms (about 24.8 days); a longer wait is armed in pieces. */
const MAX_TIMER = 2_147_483_647

/**
 * Call `callback` after `ms` milliseconds, however long that is (Node's own timer fires at once past
 * about 24.8 days). Returns the function that cancels it.
 */
export function setLongTimeout(callback: () => void, ms: number): () => void {
  let timer: NodeJS.Timeout
  const arm = (remaining: number) => {
    timer = setTimeout(
      () => (remaining > MAX_TIMER ? arm(remaining - MAX_TIMER) : callback()),
      Math.min(remaining, MAX_TIMER),
    )
  }
  arm(ms)
  return () => clearTimeout(timer)
}
