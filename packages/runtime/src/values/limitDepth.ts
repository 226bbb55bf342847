import { isPlainObject } from './compare'

/**
 * A copy of `value` that shows `depth` levels of arrays and objects; a collection below that is
 * replaced by a summary (`[array of 3 items]`, `[object with 2 keys]`), as `q:dump depth` shows it.
 */
export function limitDepth(value: unknown, depth: number): unknown {
  if (Array.isArray(value)) {
    if (depth <= 0) return `[array of ${value.length} item${value.length === 1 ? '' : 's'}]`
    return value.map((item) => limitDepth(item, depth - 1))
  }
  if (isPlainObject(value)) {
    const keys = Object.keys(value)
    if (depth <= 0) return `[object with ${keys.length} key${keys.length === 1 ? '' : 's'}]`
    return Object.fromEntries(keys.map((key) => [key, limitDepth(value[key], depth - 1)]))
  }
  return value
}
