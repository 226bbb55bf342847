import type { DataType } from '@quantum/ast'
import { convertValue } from '../values/convert'
import { unconvertible, type ValueSite } from './errors'

/**
 * A cell or field as its declared type, by the runtime's one converter. A missing or empty value is
 * null for every type but `string` and `any` (CSV and XML have no other way to write null).
 *
 * @throws RuntimeError `RUNTIME_TYPE_ERROR` naming the row, the column and the expected type
 */
export function convertCell(value: unknown, type: DataType, site: () => ValueSite): unknown {
  if (value === undefined || value === null) return null
  if (value === '' && type !== 'string' && type !== 'any') return null
  const converted = convertValue(value, type)
  if (converted.ok) return converted.value
  throw unconvertible(site(), converted.message)
}
