import { createHash } from 'node:crypto'
import type { Http, HttpRequest, HttpResponse } from '../services/types'

/** Responses kept per HTTP client at most. */
const MAX_ENTRIES = 500
/** Characters of response text kept per HTTP client at most; a larger response is not cached. */
const MAX_CHARACTERS = 16 * 1024 * 1024

interface Entry {
  response: HttpResponse
  expires: number
}

/**
 * GET responses of `q:invoke cache="true"`, for as long as their `ttl`, bounded in count and size (the
 * least recently used go first). Keyed by a hash of the URL and every header, credentials included, so
 * a response is only ever reused for the same caller and the key holds no secret in clear.
 */
export class ResponseCache {
  private readonly entries = new Map<string, Entry>()
  private characters = 0

  /** A fresh copy of the cached response to `request`, if one is live. */
  get(request: HttpRequest): HttpResponse | undefined {
    const key = keyOf(request)
    const entry = this.entries.get(key)
    if (!entry) return undefined
    this.remove(key, entry)
    if (entry.expires <= performance.now()) return undefined
    this.entries.set(key, entry)
    this.characters += entry.response.text.length
    return {
      ...entry.response,
      headers: { ...entry.response.headers },
      data: structuredClone(entry.response.data),
    }
  }

  /** Keep a successful response for `ttlMs`. */
  set(request: HttpRequest, response: HttpResponse, ttlMs: number) {
    if (!response.ok || response.text.length > MAX_CHARACTERS / 4) return
    const key = keyOf(request)
    const old = this.entries.get(key)
    if (old) this.remove(key, old)
    const kept = { ...response, data: structuredClone(response.data) }
    this.entries.set(key, { response: kept, expires: performance.now() + ttlMs })
    this.characters += response.text.length
    for (const [oldest, entry] of this.entries) {
      if (this.entries.size <= MAX_ENTRIES && this.characters <= MAX_CHARACTERS) break
      this.remove(oldest, entry)
    }
  }

  private remove(key: string, entry: Entry) {
    this.entries.delete(key)
    this.characters -= entry.response.text.length
  }
}

const caches = new WeakMap<Http, ResponseCache>()

/** The response cache of an HTTP client: one per client, so one per host process that shares it. */
export function responseCache(http: Http): ResponseCache {
  let cache = caches.get(http)
  if (!cache) {
    cache = new ResponseCache()
    caches.set(http, cache)
  }
  return cache
}

function keyOf(request: HttpRequest): string {
  const headers = Object.entries(request.headers)
    .map(([name, value]) => [name.toLowerCase(), value])
    .sort(([a], [b]) => ((a as string) < (b as string) ? -1 : 1))
  return createHash('sha256')
    .update(JSON.stringify([request.method.toUpperCase(), request.url, headers]))
    .digest('hex')
}
