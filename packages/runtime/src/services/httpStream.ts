import type { HttpOptions } from './http'
import { headersOf, startCall } from './httpCall'
import type { HttpRequest, HttpStreamResponse } from './types'

/**
 * Send `request` and hand back the response's body as a stream of chunks. The call's timeout and
 * signal hold until the body ends; the body is dropped once it passes `maxResponseBytes`, like a
 * whole one, but never held: only the chunk being read is in memory.
 */
export async function openStream(request: HttpRequest, bounds: HttpOptions): Promise<HttpStreamResponse> {
  const { method, signal, tooLarge, failure } = startCall(request, bounds)
  let response: Response
  try {
    const init: RequestInit = { method, headers: request.headers, signal }
    if (request.body !== undefined) init.body = request.body
    response = await fetch(request.url, init)
  } catch (error) {
    throw failure(error)
  }
  const declared = Number(response.headers.get('content-length') ?? 0)
  const body = response.body
  async function* chunks(): AsyncGenerator<Uint8Array> {
    if (declared > bounds.maxResponseBytes) throw tooLarge(declared)
    if (!body) return
    const reader = body.getReader()
    let size = 0
    try {
      for (;;) {
        const { done, value } = await reader.read()
        if (done) return
        size += value.byteLength
        if (size > bounds.maxResponseBytes) throw tooLarge()
        yield value
      }
    } catch (error) {
      throw failure(error)
    } finally {
      await reader.cancel().catch(() => undefined)
    }
  }
  return {
    status: response.status,
    ok: response.ok,
    headers: headersOf(response),
    chunks: chunks(),
    cancel: async () => {
      await body?.cancel().catch(() => undefined)
    },
  }
}
