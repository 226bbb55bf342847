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
    if (ch === '&') {
      const semi = raw.indexOf(';', i)
      const decoded = semi === -1 ? undefined : decodeEntity(raw.slice(i + 1, semi))
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

/** Turn placeholders back into the characters the user wrote. */
export function restorePlaceholders(text: string): string {
  if (!text.includes(LT_PLACEHOLDER) && !text.includes(AMP_PLACEHOLDER)) return text
  return text.replaceAll(LT_PLACEHOLDER, '<').replaceAll(AMP_PLACEHOLDER, '&')
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
