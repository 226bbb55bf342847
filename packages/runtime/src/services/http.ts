import { ErrorCodes, QuantumError, RuntimeError } from '@quantum/ast'
import type { Http, HttpRequest, HttpResponse } from './types'

/** Bounds on every call an {@link Http} client makes, so no server can stall or swamp the host. */
export interface HttpOptions {
  /** Milliseconds a call may take, body included, when the request gives no `timeoutMs`. @defaultValue 30_000 */
  timeoutMs: number
  /** Bytes of a response body (as received, after decompression). @defaultValue 10_485_760 (10 MiB) */
  maxResponseBytes: number
  /** Bytes of a request body; a bigger one is refused before anything is sent. @defaultValue 10_485_760 (10 MiB) */
  maxRequestBytes: number
}

/** The bounds of a client created without options. */
export const DEFAULT_HTTP_OPTIONS: Readonly<HttpOptions> = {
  timeoutMs: 30_000,
  maxResponseBytes: 10 * 1024 * 1024,
  maxRequestBytes: 10 * 1024 * 1024,
}

/**
 * Why an HTTP call failed, in a `RUNTIME_HTTP` error's `details.reason`: a caller retries `network`
 * and `timeout`, never a body over a cap.
 */
export type HttpFailure =
  | 'network'
  | 'timeout'
  | 'invalid-request'
  | 'request-too-large'
  | 'response-too-large'

/**
 * An {@link Http} client on Node's global `fetch`. Any response, 2xx or not, is returned (`ok` says
 * which); network failures, timeouts and bodies over a cap are `RUNTIME_HTTP` errors (with
 * `details.reason`, an {@link HttpFailure}), and the request's signal gives `RUNTIME_ABORTED`. A
 * response is read as a stream and dropped as soon as it passes `maxResponseBytes`, so its size never
 * reaches memory. Errors never show the request's headers, nor credentials written in its URL.
 */
export function createHttp(options: Partial<HttpOptions> = {}): Http {
  const bounds = { ...DEFAULT_HTTP_OPTIONS }
  for (const key of Object.keys(bounds) as (keyof HttpOptions)[]) {
    const value = options[key]
    if (value !== undefined) bounds[key] = value
  }
  return { request: (request) => sendRequest(request, bounds) }
}

async function sendRequest(request: HttpRequest, bounds: HttpOptions): Promise<HttpResponse> {
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
  const start = performance.now()
  try {
    const init: RequestInit = { method, headers: request.headers, signal }
    if (request.body !== undefined) init.body = request.body
    const response = await fetch(request.url, init)
    // The body is read under the same signal, so a server that stalls mid-body still times out.
    const text = new TextDecoder().decode(await readBody(response, bounds.maxResponseBytes, tooLarge))
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
    if (QuantumError.is(error)) throw error
    if (request.signal?.aborted) {
      throw new RuntimeError(ErrorCodes.RUNTIME_ABORTED, `HTTP ${method} ${url} was aborted`, {
        cause: error,
        details: { method, url },
      })
    }
    if (!timeout.aborted) {
      // fetch says `fetch failed` once it tried to connect; other errors are about the request itself.
      const kind = error instanceof Error && error.message === 'fetch failed' ? 'network' : 'invalid-request'
      throw fail(kind, withoutCredentials(failureReason(error)), error)
    }
    const hint =
      request.timeoutMs === undefined
        ? ' (the default http.timeoutMs; give q:invoke a timeout to wait longer)'
        : ''
    throw fail('timeout', `timed out after ${timeoutMs} ms${hint}`, error)
  }
}

/**
 * The body's bytes, refused up front when `Content-Length` says it is over `max`, and otherwise read
 * chunk by chunk until it passes `max`.
 */
async function readBody(
  response: Response,
  max: number,
  tooLarge: (declared?: number) => Error,
): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? 0)
  if (declared > max) throw tooLarge(declared)
  if (!response.body) return new Uint8Array()
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return Buffer.concat(chunks, size)
    size += value.byteLength
    if (size > max) throw tooLarge()
    chunks.push(value)
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
