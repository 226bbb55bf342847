import { parseBooleanWord } from '@quantum/ast'

/**
 * Truthiness of a value in a condition: Python's rules (`''`, `0`, `null`, `[]`, `{}` are false),
 * plus ColdFusion's for strings: the false words of `BOOLEAN_WORDS` (`"false"`, `"no"`, `"off"`,
 * `"0"`) are false, so a flag set with `value="false"` reads as false.
 */
export function truthy(value: unknown): boolean {
  if (value === null || value === undefined) return false
  if (typeof value === 'boolean') return value
  if (typeof value === 'number') return value !== 0 && !Number.isNaN(value)
  if (typeof value === 'string') return value !== '' && parseBooleanWord(value) !== false
  if (Array.isArray(value)) return value.length > 0
  if (value instanceof Date) return true
  if (typeof value === 'object') return Object.keys(value).length > 0
  return true
}
