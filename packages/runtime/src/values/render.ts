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

/** JSON of a value, with dates as ISO strings and query results as their rows. */
export function toJson(value: unknown, indent?: number): string {
  // The replacer sees a Date only through its holder: JSON.stringify has already called toJSON on it.
  function replacer(this: Record<string, unknown>, key: string, item: unknown) {
    const raw = this[key]
    return raw instanceof Date ? isoLocal(raw) : item
  }
  return JSON.stringify(value, replacer, indent) ?? 'null'
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
