import type { FileStat } from '../types'

interface Entry<T> {
  size: number
  modifiedMs: number
  value: T
}

/**
 * What was made from a file (a parsed document, a parsed template), kept while the file keeps its
 * size and modification time. At most `max` files, the least recently used dropped first.
 */
export class FileCache<T> {
  private readonly entries = new Map<string, Entry<T>>()

  constructor(private readonly max: number) {}

  /** The value made from the file as `stat` describes it, if it has not changed since. */
  get(stat: FileStat): T | undefined {
    const entry = this.entries.get(stat.path)
    if (!entry) return undefined
    this.entries.delete(stat.path)
    if (entry.size !== stat.size || entry.modifiedMs !== stat.modifiedMs) return undefined
    this.entries.set(stat.path, entry)
    return entry.value
  }

  set(stat: FileStat, value: T) {
    this.entries.delete(stat.path)
    this.entries.set(stat.path, { size: stat.size, modifiedMs: stat.modifiedMs, value })
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.max) break
      this.entries.delete(oldest)
    }
  }
}
