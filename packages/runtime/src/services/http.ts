import { ErrorCodes, RuntimeError } from '@quantum/ast'
import type { Http, HttpRequest, HttpResponse } from './types'

/**
 * An {@link Http} client on Node's global `fetch`. Any response, 2xx or not, is returned (`ok` says
 * which); only network failures and timeouts are `RUNTIME_HTTP` errors, and the run's signal gives
 * `RUNTIME_ABORTED`.
 */
export function createHttp(): Http {
  return { request: sendRequest }
}

async function sendRequest(request: HttpRequest): Promise<HttpResponse> {
  const method = request.method.toUpperCase()
  const timeout = request.timeoutMs === undefined ? undefined : AbortSignal.timeout(request.timeoutMs)
  const signals = [timeout, request.signal].filter((signal) => signal !== undefined)
  const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0]
  const start = performance.now()
  try {
    const init: RequestInit = { method, headers: request.headers }
    if (request.body !== undefined) init.body = request.body
    if (signal) init.signal = signal
    const response = await fetch(request.url, init)
    // The body is read under the same signal, so a server that stalls mid-body still times out.
    const text = await response.text()
    const headers: Record<string, string> = {}
    response.headers.forEach((value, name) => {
      headers[name.toLowerCase()] = value
    })
    return {
      status: response.status,
      ok: response.ok,
      headers,
      data: parseBody(text, headers['content-type']),
      text,
      elapsedMs: Math.round((performance.now() - start) * 100) / 100,
    }
  } catch (error) {
    if (request.signal?.aborted) {
      throw new RuntimeError(ErrorCodes.RUNTIME_ABORTED, `HTTP ${method} ${request.url} was aborted`, {
        cause: error,
        details: { method, url: request.url },
      })
    }
    const reason = timeout?.aborted ? `timed out after ${request.timeoutMs} ms` : failureReason(error)
    throw new RuntimeError(ErrorCodes.RUNTIME_HTTP, `HTTP ${method} ${request.url} failed: ${reason}`, {
      cause: error,
      details: { method, url: request.url },
    })
  }
}

function parseBody(text: string, contentType: string | undefined): unknown {
  if (!contentType?.toLowerCase().includes('json')) return text
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

/** fetch reports every network failure as `fetch failed`; the useful part is in its cause. */
function failureReason(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const cause = error.cause
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code
    if (cause.message) return cause.message
    if (typeof code === 'string') return code
  }
  return error.message
}
