import { headersOf, startCall } from './httpCall'
import { openStream } from './httpStream'
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
  return {
    request: (request) => sendRequest(request, bounds),
    stream: (request) => openStream(request, bounds),
  }
}

async function sendRequest(request: HttpRequest, bounds: HttpOptions): Promise<HttpResponse> {
  const { method, signal, tooLarge, failure } = startCall(request, bounds)
  const start = performance.now()
  try {
    const init: RequestInit = { method, headers: request.headers, signal }
    if (request.body !== undefined) init.body = request.body
    const response = await fetch(request.url, init)
    // The body is read under the same signal, so a server that stalls mid-body still times out.
    const text = new TextDecoder().decode(await readBody(response, bounds.maxResponseBytes, tooLarge))
    const headers = headersOf(response)
    return {
      status: response.status,
      ok: response.ok,
      headers,
      data: parseBody(text, headers['content-type']),
      text,
      elapsedMs: Math.round((performance.now() - start) * 100) / 100,
    }
  } catch (error) {
    throw failure(error)
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
