import { isoLocal } from './dates'

/**
 * How a value reads inside text (ARCHITECTURE.md §5): strings as they are, numbers plainly,
 * booleans `true`/`false`, arrays and objects as JSON, null as empty, dates as local ISO.
 */
export function toText(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number')
    return Number.isInteger(value) || !Number.isFinite(value)
      ? String(value)
      : String(Number(value.toPrecision(15)))
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  if (value instanceof Date) return isoLocal(value)
  return toJson(value)
}

/** JSON of a value, with dates as local ISO strings and query results as their rows; cycles as `"[Circular]"`. */
export function toJson(value: unknown, indent?: number): string {
  // The replacer sees a Date only through its holder: JSON.stringify has already called toJSON on it.
  function replacer(this: Record<string, unknown>, key: string, item: unknown) {
    const raw = this[key]
    return raw instanceof Date ? isoLocal(raw) : item
  }
  try {
    return JSON.stringify(value, replacer, indent) ?? 'null'
  } catch (error) {
    if (!(error instanceof TypeError)) throw error
    return JSON.stringify(withoutCycles(value, []), replacer, indent) ?? 'null'
  }
}

function withoutCycles(value: unknown, ancestors: object[]): unknown {
  if (value === null || typeof value !== 'object' || value instanceof Date) return value
  if (ancestors.includes(value)) return '[Circular]'
  const inner = [...ancestors, value]
  if (Array.isArray(value)) return value.map((item) => withoutCycles(item, inner))
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withoutCycles(item, inner)]))
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }

/** Escape text for HTML content (quotes need no escaping there, so `O'Brien` stays readable). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>]/g, (ch) => HTML_ESCAPES[ch] as string)
}

/** Escape text for a double-quoted HTML attribute value. */
export function escapeAttribute(text: string): string {
  return text.replace(/[&<>"]/g, (ch) => HTML_ESCAPES[ch] as string)
}
