import { ErrorCodes, QuantumError } from '@quantum/ast'
import { pause } from '../run/pause'
import type { HttpResponse } from '../services/types'
import { retryAfterMs } from './retryAfter'

/** How an invoke retries: `retry` further attempts, the first after `delayMs`. */
export interface RetryPolicy {
  retries: number
  delayMs: number
}

/** One attempt, as `name_result.attempts` shows it. */
export interface Attempt {
  /** 1 for the first call. */
  attempt: number
  /** The response's status, or null when none came. */
  status: number | null
  /** Why the attempt failed (`HTTP 503`, a network error), or null when it succeeded. */
  error: string | null
  elapsedMs: number
  /** Milliseconds waited before the next attempt, or null when there was none. */
  waitMs: number | null
}

/** The last attempt's response or error, and every attempt. */
export interface Attempted {
  response?: HttpResponse
  error?: unknown
  attempts: Attempt[]
}

/** No computed backoff waits longer than this (a longer `retryDelay`, or `Retry-After`, still does). */
const MAX_BACKOFF_MS = 60_000

/** Told before each wait between attempts (for a log line). */
export type RetryObserver = (attempt: Attempt, attempts: number) => void

/**
 * Call `send` until it succeeds, fails in a way a retry cannot mend, or `policy.retries` retries are
 * spent. Only network errors and timeouts, 429 and 5xx responses are retried. The wait before retry
 * `n` is `delayMs × 2^(n-1)` (at most a minute unless `delayMs` is longer) plus up to half again at
 * random, so clients that failed together do not come back together; a `Retry-After` header on the
 * response replaces it. `signal` ends a wait at once, rejecting with its reason.
 */
export async function withRetries(
  send: () => Promise<HttpResponse>,
  policy: RetryPolicy,
  signal: AbortSignal | undefined,
  observe?: RetryObserver,
): Promise<Attempted> {
  const attempts: Attempt[] = []
  for (let n = 1; ; n++) {
    const started = performance.now()
    const outcome: Attempted = { attempts }
    try {
      outcome.response = await send()
    } catch (error) {
      outcome.error = error
    }
    const { response, error } = outcome
    const attempt: Attempt = {
      attempt: n,
      status: response?.status ?? null,
      error: response ? (response.ok ? null : `HTTP ${response.status}`) : describe(error),
      elapsedMs: Math.round(performance.now() - started),
      waitMs: null,
    }
    attempts.push(attempt)
    const retryable = response ? response.status === 429 || response.status >= 500 : transient(error)
    if (!retryable || n > policy.retries) return outcome
    const backoff = Math.min(policy.delayMs * 2 ** (n - 1), Math.max(MAX_BACKOFF_MS, policy.delayMs))
    const asked = retryAfterMs(response?.headers['retry-after'], Date.now())
    // Jitter keeps the wait in [backoff, 1.5 × backoff): rounded down, so never up to 1.5 × itself.
    attempt.waitMs = asked === undefined ? Math.floor(backoff * (1 + Math.random() / 2)) : Math.round(asked)
    observe?.(attempt, policy.retries + 1)
    await pause(attempt.waitMs, signal)
  }
}

/** A failure another attempt may not repeat: the network, or a timeout. */
function transient(error: unknown): boolean {
  if (!QuantumError.is(error) || error.code !== ErrorCodes.RUNTIME_HTTP) return false
  const reason = error.details?.reason
  return reason === 'network' || reason === 'timeout'
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
