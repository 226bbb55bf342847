import { parseBooleanWord } from '@quantum/ast'
import { DEFAULT_BOUNDS, descend, type ValueBounds } from './bounds'
import { isNumeric, toNumberLoose } from './numbers'

/**
 * CF-style loose equality: a number equals a numeric string (`"3" == 3`), a boolean equals its
 * words written as text (`BOOLEAN_WORDS`: `true == "yes"`, `true == "on"`), arrays and objects
 * compare by content. Strings compare case-sensitively. Comparing collections nested deeper than
 * `bounds.maxDepth` (two distinct self-referencing values are) is a `RUNTIME_LIMIT_EXCEEDED` error;
 * every item compared is charged.
 */
export function looseEquals(a: unknown, b: unknown, bounds: ValueBounds = DEFAULT_BOUNDS): boolean {
  return equals(a, b, bounds, 0)
}

function equals(a: unknown, b: unknown, bounds: ValueBounds, depth: number): boolean {
  if (a === b) return true
  if (a === null || a === undefined || b === null || b === undefined) return false
  if (typeof a === 'boolean' || typeof b === 'boolean')
    return booleanOf(a) === booleanOf(b) && booleanOf(a) !== undefined
  if ((typeof a === 'number' || typeof b === 'number') && isNumeric(a) && isNumeric(b)) {
    return toNumberLoose(a) === toNumberLoose(b)
  }
  if (a instanceof Date || b instanceof Date) return timeOf(a) !== undefined && timeOf(a) === timeOf(b)
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false
    descend(bounds, depth, a.length, 'compare')
    return a.every((item, i) => equals(item, b[i], bounds, depth + 1))
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a)
    if (keys.length !== Object.keys(b).length) return false
    descend(bounds, depth, keys.length, 'compare')
    return keys.every((key) => Object.hasOwn(b, key) && equals(a[key], b[key], bounds, depth + 1))
  }
  return false
}

/**
 * Ordering for `< <= > >=`: numbers (and numeric strings against numbers) numerically, dates by time,
 * strings by code point. Returns undefined when the two cannot be ordered.
 */
export function compareLoose(a: unknown, b: unknown): number | undefined {
  if ((typeof a === 'number' || typeof b === 'number') && isNumeric(a) && isNumeric(b)) {
    return (toNumberLoose(a) as number) - (toNumberLoose(b) as number)
  }
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0
  const ta = timeOf(a)
  const tb = timeOf(b)
  if (ta !== undefined && tb !== undefined && (a instanceof Date || b instanceof Date)) return ta - tb
  return undefined
}

function booleanOf(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value
  if (typeof value === 'number') return value !== 0
  return typeof value === 'string' ? parseBooleanWord(value) : undefined
}

function timeOf(value: unknown): number | undefined {
  if (value instanceof Date) return value.getTime()
  if (typeof value === 'string') {
    const time = Date.parse(value)
    return Number.isNaN(time) ? undefined : time
  }
  return undefined
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Date)
    return false
  const proto = Object.getPrototypeOf(value)
  return proto === null || proto === Object.prototype
}
