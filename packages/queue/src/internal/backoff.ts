import type { Backoff } from '@quantum/ast'

/** The default retry wait: upstream's exponential 30 s. */
export const DEFAULT_BACKOFF: Backoff = { kind: 'exponential', delay: 30_000 }

/**
 * Milliseconds to wait before running a job again after its `attempt`-th failure (1-based): upstream's
 * `backoff × 2^(attempt-1)`, or the same wait every time for `fixed:`.
 */
export function retryDelayMs(backoff: Backoff, attempt: number): number {
  if (backoff.kind === 'fixed') return backoff.delay
  return backoff.delay * 2 ** Math.max(0, attempt - 1)
}
