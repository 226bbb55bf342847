const NUMERIC = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/

/** A number, or a string that reads as one (`"3"`, `" 2.5 "`): what loose comparisons treat as numeric. */
export function toNumberLoose(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isNaN(value) ? undefined : value
  if (typeof value === 'string' && NUMERIC.test(value)) return Number(value)
  if (typeof value === 'boolean') return value ? 1 : 0
  return undefined
}

/** True for numbers and numeric strings (not booleans). */
export function isNumeric(value: unknown): boolean {
  return typeof value === 'number' ? !Number.isNaN(value) : typeof value === 'string' && NUMERIC.test(value)
}
