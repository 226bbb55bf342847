/** What one cached import keeps: the records as read, before any transform. */
interface Entry {
  records: unknown[]
  /** Bytes of the source they were read from: the measure of the cache's size. */
  size: number
  expires: number
}

/** Bounds of a {@link DataCache}. */
export interface DataCacheBounds {
  /** Imports kept at once. */
  maxEntries: number
  /** Bytes of source text kept at once, summed over the entries; a larger import is not cached. */
  maxBytes: number
}

/** Per process: 100 imports, 64 MiB of the text they were read from. */
export const DEFAULT_DATA_CACHE_BOUNDS: DataCacheBounds = { maxEntries: 100, maxBytes: 64 * 1024 * 1024 }

/**
 * The records `q:data cache="true"` read, by source and options, until their ttl passes. Bounded in
 * entries and bytes: the least recently used entries make room. Callers get a copy, never the stored
 * records, since a program may change what it is given.
 */
export class DataCache {
  private readonly entries = new Map<string, Entry>()
  private bytes = 0

  constructor(
    private readonly bounds: DataCacheBounds = DEFAULT_DATA_CACHE_BOUNDS,
    private readonly now: () => number = Date.now,
  ) {}

  /** A copy of the records stored under `key`, unless there are none or they expired. */
  get(key: string): unknown[] | undefined {
    const entry = this.entries.get(key)
    if (!entry) return undefined
    this.entries.delete(key)
    if (entry.expires <= this.now()) {
      this.bytes -= entry.size
      return undefined
    }
    this.entries.set(key, entry)
    return structuredClone(entry.records)
  }

  /** Keep a copy of `records` (read from `size` bytes) for `ttlMs`; an import over the byte bound is not kept. */
  set(key: string, records: unknown[], size: number, ttlMs: number): void {
    const old = this.entries.get(key)
    if (old) {
      this.entries.delete(key)
      this.bytes -= old.size
    }
    if (size > this.bounds.maxBytes || ttlMs <= 0) return
    while (this.entries.size >= this.bounds.maxEntries || this.bytes + size > this.bounds.maxBytes) {
      const oldest = this.entries.keys().next()
      if (oldest.done) break
      this.bytes -= (this.entries.get(oldest.value) as Entry).size
      this.entries.delete(oldest.value)
    }
    this.entries.set(key, { records: structuredClone(records), size, expires: this.now() + ttlMs })
    this.bytes += size
  }
}
