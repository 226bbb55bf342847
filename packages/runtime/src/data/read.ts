import { ErrorCodes, RuntimeError } from '@quantum/ast'
import type { FileReadRequest, Files, Http, HttpRequest } from '../services/types'

/** Bytes (or text already decoded) as they arrive. */
export type Chunks = AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>

/** The bytes of a file or URL source, chunk by chunk, and how to let go of them unread. */
export interface OpenedSource {
  chunks: Chunks
  close(): Promise<void>
}

/** Where a location is read from, with what the run gives every read. */
export interface ReadContext {
  /** The document the path appears in (`RunState.file`). */
  from: string | undefined
  signal: AbortSignal | undefined
}

/** Open a file source under the host's file rules: streamed, so its size is bounded by time, not memory. */
export async function openFile(files: Files, path: string, context: ReadContext): Promise<OpenedSource> {
  const stream = await files.stream(fileRequest(path, context))
  return { chunks: stream.chunks, close: stream.close }
}

/** A whole file source, within the host's cap on reads. */
export async function readFile(files: Files, path: string, context: ReadContext): Promise<Uint8Array> {
  return (await files.read(fileRequest(path, context))).content
}

function fileRequest(path: string, context: ReadContext): FileReadRequest {
  const request: FileReadRequest = { path, purpose: 'Data source' }
  if (context.from !== undefined) request.from = context.from
  if (context.signal) request.signal = context.signal
  return request
}

/**
 * GET a URL source with its headers, streamed when the client can. A response other than 2xx is a
 * `RUNTIME_HTTP` error naming the status.
 */
export async function openUrl(
  http: Http,
  url: string,
  headers: Record<string, string>,
  context: ReadContext,
): Promise<OpenedSource> {
  const request: HttpRequest = { url, method: 'GET', headers }
  if (context.signal) request.signal = context.signal
  if (http.stream) {
    const response = await http.stream(request)
    if (!response.ok) {
      await response.cancel()
      throw statusError(url, response.status)
    }
    return { chunks: response.chunks, close: response.cancel }
  }
  const response = await http.request(request)
  if (!response.ok) throw statusError(url, response.status)
  return { chunks: [response.text], close: async () => undefined }
}

function statusError(url: string, status: number): RuntimeError {
  return new RuntimeError(ErrorCodes.RUNTIME_HTTP, `HTTP GET ${url} failed: the server answered ${status}`, {
    details: { method: 'GET', url, status },
  })
}

/** Every chunk of a source, joined (for JSON and XML, which are read whole). */
export async function readAll(source: OpenedSource): Promise<Uint8Array> {
  const parts: Uint8Array[] = []
  try {
    for await (const chunk of source.chunks)
      parts.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk)
  } finally {
    await source.close()
  }
  return Buffer.concat(parts)
}
