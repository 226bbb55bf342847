import { isQueryResult } from '../expression/members'
import { isPlainObject } from './compare'
import { isoLocal } from './dates'

const QUERY = '$quantumQueryResult'

/**
 * A JSON-safe copy of a value for a body that runs elsewhere (a thread, a schedule fire, a job):
 * dates become local ISO text, and query results keep their `recordCount`, `insertId`… as a marked
 * object that {@link revive} turns back into a result. Cycles become `"[Circular]"`.
 */
export function portableValue(value: unknown, ancestors: object[] = []): unknown {
  if (value instanceof Date) return isoLocal(value)
  if (value === null || typeof value !== 'object') return typeof value === 'function' ? undefined : value
  if (ancestors.includes(value)) return '[Circular]'
  const inner = [...ancestors, value]
  if (Array.isArray(value)) {
    const items = value.map((item) => portableValue(item, inner) ?? null)
    if (!isQueryResult(value)) return items
    const properties: Record<string, unknown> = {}
    for (const key of Object.getOwnPropertyNames(value)) {
      if (key !== 'length' && !/^\d+$/.test(key))
        properties[key] = portableValue((value as unknown as Record<string, unknown>)[key], inner)
    }
    return { [QUERY]: { rows: items, properties } }
  }
  const copy: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) {
    const portable = portableValue(item, inner)
    if (portable !== undefined) copy[key] = portable
  }
  return copy
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
