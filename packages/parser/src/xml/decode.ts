import { HTML_ENTITIES } from '@xmldom/xmldom/lib/entities.js'
import { AMP_PLACEHOLDER, LT_PLACEHOLDER } from './protect'

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

/** A decoded value and, for each of its characters (and its end), the source offset it came from. */
export interface DecodedValue {
  value: string
  offsets: number[]
}

/**
 * Decode a raw slice of (protected) source the way XML does, remembering where each character came
 * from so expression positions point into the file even after `&lt;` or a placeholder.
 */
export function decodeRaw(raw: string, base: number, options: { attribute?: boolean } = {}): DecodedValue {
  let value = ''
  const offsets: number[] = []
  let i = 0
  while (i < raw.length) {
    const ch = raw[i] as string
    if (ch === '&' || ch === AMP_PLACEHOLDER) {
      const semi = raw.indexOf(';', i)
      const name = semi === -1 ? '' : raw.slice(i + 1, semi)
      const decoded = ch === '&' ? decodeEntity(name) : htmlEntity(name)
      if (decoded !== undefined) {
        value += decoded
        for (let k = 0; k < decoded.length; k++) offsets.push(base + i)
        i = semi + 1
        continue
      }
    }
    value += restoreChar(ch, options.attribute === true)
    offsets.push(base + i)
    i++
  }
  offsets.push(base + raw.length)
  return { value, offsets }
}

/**
 * Turn placeholders back into what the user wrote: a stray `<` or `&`, or an HTML named character
 * (`&nbsp;`, `&copy;`) that XML does not know, decoded like the XML ones.
 */
export function restorePlaceholders(text: string): string {
  if (!text.includes(LT_PLACEHOLDER) && !text.includes(AMP_PLACEHOLDER)) return text
  return text
    .replaceAll(LT_PLACEHOLDER, '<')
    .replace(HTML_REFERENCE, (_match, name: string) => htmlEntity(name) ?? `&${name};`)
    .replaceAll(AMP_PLACEHOLDER, '&')
}

const HTML_REFERENCE = new RegExp(`${AMP_PLACEHOLDER}([A-Za-z][A-Za-z0-9]*);`, 'g')

function htmlEntity(name: string): string | undefined {
  return /^[A-Za-z][A-Za-z0-9]*$/.test(name) && Object.hasOwn(HTML_ENTITIES, name)
    ? HTML_ENTITIES[name]
    : undefined
}

function restoreChar(ch: string, attribute: boolean): string {
  if (ch === LT_PLACEHOLDER) return '<'
  if (ch === AMP_PLACEHOLDER) return '&'
  // XML attribute-value normalisation: literal whitespace becomes a space.
  if (attribute && (ch === '\n' || ch === '\t' || ch === '\r')) return ' '
  return ch
}

function decodeEntity(name: string): string | undefined {
  if (name.startsWith('#x')) return fromCodePoint(Number.parseInt(name.slice(2), 16))
  if (name.startsWith('#')) return fromCodePoint(Number.parseInt(name.slice(1), 10))
  return NAMED[name]
}

function fromCodePoint(code: number): string | undefined {
  return Number.isInteger(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined
}
