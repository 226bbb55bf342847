import type { DataType } from '@quantum/ast'
import { tooLong, type ValueBounds } from './bounds'
import { isPlainObject } from './compare'
import { convertTo } from './convert'
import { jsonLength } from './render'

/** Types a collection converts to as itself; to any other, it is rendered as text (or shown in the error). */
const KEEPS_COLLECTIONS: ReadonlySet<DataType> = new Set(['any', 'array', 'object', 'struct', 'json'])

/**
 * {@link convertTo} within a run's `bounds`: a collection that the conversion would render as text
 * (`type="string"`, or the message of a failed conversion) is first measured against them, with its
 * work charged, so that converting a huge value fails at the run's limits like any other rendering.
 */
export function convertWithin(value: unknown, type: DataType, bounds: ValueBounds): unknown {
  if (!KEEPS_COLLECTIONS.has(type) && (Array.isArray(value) || isPlainObject(value))) {
    if (jsonLength(value, bounds) === undefined) throw tooLong(bounds, 'convert')
  }
  return convertTo(value, type)
}
