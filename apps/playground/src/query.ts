import { badRequest } from './apiError'

/** The largest page a list returns. */
export const MAX_LIMIT = 500

/** `value` when it is one of `allowed`; a coded 400 naming the allowed values otherwise. */
export function oneOf<T extends string>(value: string, allowed: readonly T[], field: string): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw badRequest(`Unknown ${field} '${value}': expected one of ${allowed.join(', ')}`, { field, value })
  }
  return value as T
}

/** A whole number in `[min, max]`, or `fallback` when the parameter is absent. */
export function wholeNumber(
  text: string | undefined,
  field: string,
  fallback: number,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (text === undefined) return fallback
  const value = Number(text)
  if (!/^\d+$/.test(text) || value < min || value > max) {
    throw badRequest(`Invalid ${field} '${text}': expected a whole number from ${min} to ${max}`, {
      field,
      value: text,
    })
  }
  return value
}

/** A non-empty text parameter, or undefined when absent. */
export function text(value: string | undefined, field: string): string | undefined {
  if (value === undefined) return undefined
  if (value.trim() === '') throw badRequest(`Empty ${field}: leave it out to match every value`, { field })
  return value
}

/** A params filter: a JSON object whose every key must equal the job's param of that name. */
export function paramsFilter(value: string | undefined): Record<string, unknown> | undefined {
  if (value === undefined) return undefined
  let parsed: unknown
  try {
    parsed = JSON.parse(value)
  } catch {
    throw badRequest(`Invalid params filter: expected a JSON object, got '${value}'`, { field: 'params' })
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw badRequest('Invalid params filter: expected a JSON object such as {"orderId":42}', {
      field: 'params',
    })
  }
  return parsed as Record<string, unknown>
}

/** Whether `params` has every key of `filter` with an equal (JSON-equal) value. */
export function paramsMatch(params: Record<string, unknown>, filter: Record<string, unknown>): boolean {
  return Object.entries(filter).every(([key, want]) => JSON.stringify(params[key]) === JSON.stringify(want))
}
