import type { InvokeNode } from '@quantum/ast'
import { durationMs } from '../expression/duration'
import { textOf } from '../expression/template'
import { timeValue } from '../expression/timeValue'
import { andThen, type MaybePromise, sequence } from '../maybe'
import { need } from '../run/need'
import type { Context } from '../scope/context'
import { withoutCredentials } from '../services/httpCall'
import type { HttpRequest, HttpResponse } from '../services/types'
import { responseCache } from './cache'
import { buildRequest } from './request'
import { type Attempted, withRetries } from './retry'

/** The wait before a first retry when `retryDelay` is absent (upstream's). */
const DEFAULT_RETRY_DELAY_MS = 1000

/** What an HTTP invoke gives `name`, `<name>_result`, and the error to throw once they are set. */
export interface HttpOutcome {
  value: unknown
  details: Record<string, unknown>
  error?: unknown
}

/**
 * An HTTP `q:invoke`: the request, answered from the cache when `cache="true"` holds a live response,
 * else sent with up to `retry` retries. A response of any status is an outcome (`success` says
 * whether it was 2xx); a call that got no response after its last attempt carries its error.
 */
export function invokeHttp(
  node: InvokeNode,
  args: Record<string, unknown>,
  ctx: Context,
): MaybePromise<HttpOutcome> {
  const http = need(ctx, 'http', 'invoke', node)
  const settings = [
    () => buildRequest(node, args, ctx),
    () => (node.cache === undefined ? undefined : durationMs(node.cache.ttl, ctx, node)),
    () => (node.retry ? retryDelay(node, ctx) : 0),
  ]
  return andThen(sequence<unknown>(settings), (values) => {
    const [request, ttlMs, delayMs] = values as [HttpRequest, number | undefined, number]
    const cache = ttlMs === undefined ? undefined : responseCache(http)
    const cached = cache?.get(request)
    if (cached) return outcome({ response: cached, attempts: [] }, true)
    const observe = (
      attempt: { attempt: number; error: string | null; waitMs: number | null },
      total: number,
    ) =>
      ctx.run.log({
        time: ctx.run.services.clock?.now() ?? new Date(),
        level: 'warning',
        message: `q:invoke ${request.method} ${withoutCredentials(request.url)}: attempt ${attempt.attempt} of ${total} failed (${attempt.error}); retrying in ${attempt.waitMs} ms`,
      })
    return withRetries(
      () => http.request(request),
      { retries: node.retry ?? 0, delayMs },
      ctx.run.signal,
      observe,
    ).then((attempted) => {
      if (cache && ttlMs !== undefined && attempted.response) cache.set(request, attempted.response, ttlMs)
      return outcome(attempted, false)
    })
  })
}

function outcome(attempted: Attempted, cached: boolean): HttpOutcome {
  const { response, error, attempts } = attempted
  const details = (fields: Record<string, unknown>) => ({
    ...fields,
    invocationType: 'http',
    attempts,
    cached,
  })
  if (!response) {
    const message = error instanceof Error ? error.message : String(error)
    return {
      value: null,
      details: details({ success: false, status: null, data: null, headers: {}, error: message }),
      error,
    }
  }
  return { value: response.data, details: details(responseFields(response)) }
}

function responseFields(response: HttpResponse): Record<string, unknown> {
  return {
    success: response.ok,
    status: response.status,
    data: response.data,
    headers: response.headers,
    error: response.ok ? null : `HTTP ${response.status}`,
  }
}

/** `retryDelay` in milliseconds: whole milliseconds, or a duration with its unit. */
function retryDelay(node: InvokeNode, ctx: Context): MaybePromise<number> {
  const delay = node.retryDelay
  if (delay === undefined) return DEFAULT_RETRY_DELAY_MS
  if (typeof delay === 'number') return delay
  return andThen(textOf(delay, ctx), (text) =>
    /^\s*\d+\s*$/.test(text) ? Number(text) : timeValue('duration', text, ctx, node),
  )
}
