import { LENIENT_SCOPES, MISSING, type Missing } from '../values/missing'
import { release } from '../values/owned'

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype'])

/** The row a query loop is on: `{users.email}` inside `<q:loop query="users">` reads that row. */
export const rowCursor = new WeakMap<object, number>()

/** True for the row arrays `q:query` produces. */
export function isQueryResult(value: unknown): value is Record<string, unknown>[] & Record<string, unknown> {
  return Array.isArray(value) && Object.hasOwn(value, 'recordCount')
}

/**
 * `object.name` as expressions read it: own properties only (never the prototype), `.length` of
 * strings and arrays, a query result's properties, and its first row's columns (`{user.email}`).
 */
export function getMember(object: unknown, name: string): unknown | Missing {
  if (FORBIDDEN.has(name) || object === null || object === undefined || object === MISSING) return MISSING
  if (typeof object === 'string') return name === 'length' ? object.length : MISSING
  if (Array.isArray(object)) {
    if (name === 'length') return object.length
    if (isQueryResult(object)) {
      if (Object.hasOwn(object, name)) return (object as unknown as Record<string, unknown>)[name]
      const row = object[rowCursor.get(object) ?? 0]
      if (row === undefined) return null
      return Object.hasOwn(row, name) ? row[name] : MISSING
    }
    return MISSING
  }
  if (typeof object === 'object' && !(object instanceof Date)) {
    const record = object as Record<string, unknown>
    // A scope object (`component.list`) reaches variables: what it hands out may be shared from now on.
    if (Object.hasOwn(record, name)) return release(record[name])
    return LENIENT_SCOPES.has(record) ? null : MISSING
  }
  return MISSING
}

/** `object[index]`: array positions (negative counts from the end), string characters, object keys. */
export function getIndex(object: unknown, index: unknown): unknown | Missing {
  if (Array.isArray(object) || typeof object === 'string') {
    const position =
      typeof index === 'number'
        ? index
        : typeof index === 'string' && /^-?\d+$/.test(index)
          ? Number(index)
          : Number.NaN
    if (!Number.isInteger(position))
      return typeof index === 'string' && !Array.isArray(object) ? MISSING : getMember(object, String(index))
    const at = position < 0 ? object.length + position : position
    return at >= 0 && at < object.length ? object[at] : MISSING
  }
  if (typeof index === 'string' || typeof index === 'number') return getMember(object, String(index))
  return MISSING
}
