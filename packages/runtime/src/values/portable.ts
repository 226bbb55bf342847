import { isQueryResult } from '../expression/members'
import { DEFAULT_BOUNDS, descend, tooLong, type ValueBounds } from './bounds'
import { isPlainObject } from './compare'
import { isoLocal } from './dates'

const QUERY = '$quantumQueryResult'

/**
 * A JSON-safe copy of a value for a body that runs elsewhere (a thread, a schedule fire, a job):
 * dates become local ISO text, and query results keep their `recordCount`, `insertId`… as a marked
 * object that {@link revive} turns back into a result. Cycles become `"[Circular]"`. Copying more
 * than `bounds.maxLength` items in all (a value that shares its parts can stand for many more than it
 * holds), or nesting deeper than `bounds.maxDepth`, is a `RUNTIME_LIMIT_EXCEEDED` error.
 */
export function portableValue(value: unknown, bounds: ValueBounds = DEFAULT_BOUNDS): unknown {
  return new Copier(bounds).copy(value, 0)
}

class Copier {
  private readonly ancestors = new Set<object>()
  private items = 0

  constructor(private readonly bounds: ValueBounds) {}

  copy(value: unknown, depth: number): unknown {
    if (value instanceof Date) return isoLocal(value)
    if (value === null || typeof value !== 'object') return typeof value === 'function' ? undefined : value
    if (this.ancestors.has(value)) return '[Circular]'
    const keys = Array.isArray(value) ? value.length : Object.keys(value).length
    descend(this.bounds, depth, keys, 'copy')
    this.items += keys
    if (this.items > this.bounds.maxLength) throw tooLong(this.bounds, 'copy')
    this.ancestors.add(value)
    const copy = Array.isArray(value) ? this.array(value, depth) : this.object(value, depth)
    this.ancestors.delete(value)
    return copy
  }

  private array(value: unknown[], depth: number): unknown {
    const items = value.map((item) => this.copy(item, depth + 1) ?? null)
    if (!isQueryResult(value)) return items
    const properties: Record<string, unknown> = {}
    for (const key of Object.getOwnPropertyNames(value)) {
      if (key !== 'length' && !/^\d+$/.test(key))
        properties[key] = this.copy((value as unknown as Record<string, unknown>)[key], depth + 1)
    }
    return { [QUERY]: { rows: items, properties } }
  }

  private object(value: object, depth: number): Record<string, unknown> {
    const copy: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(value)) {
      const portable = this.copy(item, depth + 1)
      if (portable !== undefined) copy[key] = portable
    }
    return copy
  }
}

/** Undo {@link portableValue}'s marking: query results come back as row arrays with their properties. */
export function revive(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(revive)
  if (!isPlainObject(value)) return value
  const marked = value[QUERY]
  if (isPlainObject(marked) && Object.keys(value).length === 1) {
    const rows = (Array.isArray(marked.rows) ? marked.rows : []).map(revive)
    const properties = isPlainObject(marked.properties) ? marked.properties : {}
    for (const [key, item] of Object.entries(properties)) {
      Object.defineProperty(rows, key, { value: item, enumerable: false, writable: true, configurable: true })
    }
    return rows
  }
  const out: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) out[key] = revive(item)
  return out
}
