import { ErrorCodes, QuantumError, RuntimeError } from '@quantum/ast'
import type { HttpFailure, HttpOptions } from './http'
import type { HttpRequest } from './types'

/** What one call needs besides the request: its signal, and the errors it reports. */
export interface Call {
  method: string
  signal: AbortSignal
  /** A `RUNTIME_HTTP` error for this call, its kind in `details.reason`. */
  fail(kind: HttpFailure, reason: string, cause?: unknown): RuntimeError
  /** Drop the response (fetch closes the connection) and report its body as over the cap. */
  tooLarge(declared?: number): RuntimeError
  /** The coded error for anything fetch or the body's stream threw. */
  failure(error: unknown): QuantumError
}

/** Check the request body against its cap and combine the timeout, the cap and the caller's signal. */
export function startCall(request: HttpRequest, bounds: HttpOptions): Call {
  const method = request.method.toUpperCase()
  const url = withoutCredentials(request.url)
  const fail = (kind: HttpFailure, reason: string, cause?: unknown) =>
    new RuntimeError(ErrorCodes.RUNTIME_HTTP, `HTTP ${method} ${url} failed: ${reason}`, {
      ...(cause === undefined ? {} : { cause }),
      details: { method, url, reason: kind },
    })
  if (request.body !== undefined) {
    const size = Buffer.byteLength(request.body)
    if (size > bounds.maxRequestBytes) {
      throw fail(
        'request-too-large',
        `the request body of ${size} bytes is over the limit of ${bounds.maxRequestBytes} bytes and was not sent (raise http.maxRequestBytes to allow it)`,
      )
    }
  }
  const timeoutMs = request.timeoutMs ?? bounds.timeoutMs
  const timeout = AbortSignal.timeout(timeoutMs)
  // Aborted to drop a response that passes its cap: fetch then closes the connection.
  const drop = new AbortController()
  const signal = AbortSignal.any(
    request.signal ? [timeout, drop.signal, request.signal] : [timeout, drop.signal],
  )
  const tooLarge = (declared?: number) => {
    drop.abort()
    const size = declared === undefined ? '' : ` of ${declared} bytes`
    return fail(
      'response-too-large',
      `the response body${size} is over the limit of ${bounds.maxResponseBytes} bytes (raise http.maxResponseBytes to allow it)`,
    )
  }
  const failure = (error: unknown): QuantumError => {
    if (QuantumError.is(error)) return error
    if (request.signal?.aborted) {
      return new RuntimeError(ErrorCodes.RUNTIME_ABORTED, `HTTP ${method} ${url} was aborted`, {
        cause: error,
        details: { method, url },
      })
    }
    if (!timeout.aborted) {
      // fetch says `fetch failed` once it tried to connect; other errors are about the request itself.
      const kind = error instanceof Error && error.message === 'fetch failed' ? 'network' : 'invalid-request'
      return fail(kind, withoutCredentials(failureReason(error)), error)
    }
    const hint =
      request.timeoutMs === undefined
        ? ' (the default http.timeoutMs; give q:invoke a timeout to wait longer)'
        : ''
    return fail('timeout', `timed out after ${timeoutMs} ms${hint}`, error)
  }
  return { method, signal, fail, tooLarge, failure }
}

/** The response's headers, names in lower case. */
export function headersOf(response: Response): Record<string, string> {
  const headers: Record<string, string> = {}
  response.headers.forEach((value, name) => {
    headers[name.toLowerCase()] = value
  })
  return headers
}

/** A URL as errors show it: `https://user:secret@host/` becomes `https://***@host/`. */
export function withoutCredentials(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/?#@\s]*@/gi, '$1***@')
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
