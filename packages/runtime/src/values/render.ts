import { DEFAULT_BOUNDS, tooDeep, tooLong, type ValueBounds } from './bounds'
import { isoLocal } from './dates'

/** The longest string V8 can hold: past it, a serialiser must fail with a coded error of its own. */
const MAX_STRING_LENGTH = 2 ** 29 - 24

/**
 * How a value reads inside text: strings as they are, numbers plainly,
 * booleans `true`/`false`, arrays and objects as JSON, null as empty, dates as local ISO. An array
 * or object whose text would pass `bounds` is a `RUNTIME_LIMIT_EXCEEDED` error.
 */
export function toText(value: unknown, bounds: ValueBounds = DEFAULT_BOUNDS): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number')
    return Number.isInteger(value) || !Number.isFinite(value)
      ? String(value)
      : String(Number(value.toPrecision(15)))
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  if (value instanceof Date) return isoLocal(value)
  return toJson(value, undefined, bounds)
}

/**
 * JSON of a value, with dates as local ISO strings and query results as their rows; a value met again
 * inside itself as `"[Circular]"`. Built piece by piece within `bounds`: more characters than
 * `maxLength`, or nesting deeper than `maxDepth`, is a `RUNTIME_LIMIT_EXCEEDED` error, never a
 * string the process cannot hold or a stack overflow.
 */
export function toJson(value: unknown, indent?: number, bounds: ValueBounds = DEFAULT_BOUNDS): string {
  const space = spaces(indent)
  const quick = nativeJson(value, space, bounds)
  if (quick !== undefined) return quick
  const writer = new JsonWriter(bounds, space, true)
  if (!writer.value(value, 0)) return 'null'
  return writer.text()
}

const OVERFLOW = Symbol('overflow')

/**
 * How many characters {@link toJson} would write for `value` (without building it), or undefined
 * when that is more than `bounds.maxLength`. Nesting deeper than `bounds.maxDepth` still throws.
 */
export function jsonLength(value: unknown, bounds: ValueBounds): number | undefined {
  const quick = nativeJson(value, '', bounds)
  if (quick !== undefined) return quick.length
  const writer = new JsonWriter(bounds, '', false)
  try {
    return writer.value(value, 0) ? writer.length : 4
  } catch (error) {
    if (error === OVERFLOW) return undefined
    throw error
  }
}

/**
 * The JSON of a value that JavaScript's own serialiser can write within `bounds` (much faster than
 * {@link JsonWriter}), or undefined to leave it to the writer: when a first walk finds a value that
 * needs the writer (a cycle, a BigInt, a host object's `toJSON`), nesting past `maxDepth` (cycles
 * show as such), or more than `maxLength` characters at worst (every character escaped).
 */
function nativeJson(value: unknown, space: string, bounds: ValueBounds): string | undefined {
  const limit = Math.min(bounds.maxLength, MAX_STRING_LENGTH)
  const walk: Walk = { budget: limit, dates: false, depth: bounds.maxDepth, space: space.length }
  if (!fits(value, 0, walk)) return undefined
  bounds.charge?.(limit - walk.budget)
  const json = walk.dates ? JSON.stringify(value, localDates, space) : JSON.stringify(value, null, space)
  return json ?? 'null'
}

interface Walk {
  /** Characters left for the worst-case JSON. */
  budget: number
  /** Whether a date was met (then the native serialiser needs {@link localDates}). */
  dates: boolean
  depth: number
  space: number
}

/** Whether `value` is plain data whose worst-case JSON fits `walk.budget`, which it spends. */
function fits(value: unknown, depth: number, walk: Walk): boolean {
  switch (typeof value) {
    case 'string':
      walk.budget -= quotedLength(value)
      return walk.budget >= 0
    case 'number':
      walk.budget -= Number.isInteger(value) && Math.abs(value) < 1e15 ? String(value).length : 24
      return walk.budget >= 0
    case 'boolean':
    case 'undefined':
    case 'function':
    case 'symbol':
      walk.budget -= 24
      return walk.budget >= 0
    case 'object': {
      if (value === null) {
        walk.budget -= 4
        return walk.budget >= 0
      }
      if (value instanceof Date) {
        walk.dates = true
        walk.budget -= 40
        return walk.budget >= 0
      }
      if (depth >= walk.depth || typeof (value as { toJSON?: unknown }).toJSON === 'function') return false
      // Per item: a comma (and with indentation, a line break and the indentation), for a key its colon.
      const separator = walk.space ? 2 + walk.space * (depth + 1) : 1
      const colon = walk.space ? 2 : 1
      if (Array.isArray(value)) {
        walk.budget -= 2 + separator * value.length
        for (const item of value) if (walk.budget < 0 || !fits(item, depth + 1, walk)) return false
      } else {
        const record = value as Record<string, unknown>
        for (const key of Object.keys(record)) {
          walk.budget -= separator + quotedLength(key) + colon
          if (walk.budget < 0 || !fits(record[key], depth + 1, walk)) return false
        }
        walk.budget -= 2
      }
      return walk.budget >= 0
    }
    default:
      return false
  }
}

/** Characters JSON may escape (lone surrogates among them, so any surrogate counts). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what JSON escapes
const ESCAPED = /["\\\u0000-\u001f\ud800-\udfff]/

/** The length of a string as JSON: exact when nothing needs escaping, else as if everything did. */
function quotedLength(text: string): number {
  return ESCAPED.test(text) ? text.length * 6 + 2 : text.length + 2
}

/** The native serialiser's replacer for dates: local ISO text, as {@link toText} writes them. */
function localDates(this: Record<string, unknown>, key: string, item: unknown) {
  // The replacer sees a Date only through its holder: JSON.stringify has already called toJSON on it.
  const raw = this[key]
  return raw instanceof Date ? isoLocal(raw) : item
}

/** JSON.stringify's reading of its `space` argument. */
function spaces(indent: number | undefined): string {
  if (indent === undefined || Number.isNaN(indent) || indent < 1) return ''
  return ' '.repeat(Math.min(10, Math.trunc(indent)))
}

/**
 * Writes JSON in pieces, joined in chunks so that millions of small pieces never sit in memory at
 * once; or, not `keeping`, only counts them.
 */
class JsonWriter {
  private readonly pieces: string[] = []
  private readonly chunks: string[] = []
  private readonly ancestors = new Set<object>()
  private readonly newlines: string[] = []
  private readonly limit: number
  length = 0

  constructor(
    private readonly bounds: ValueBounds,
    private readonly indent: string,
    private readonly keeping: boolean,
  ) {
    this.limit = Math.min(bounds.maxLength, MAX_STRING_LENGTH)
  }

  text(): string {
    this.chunks.push(this.pieces.join(''))
    return this.chunks.join('')
  }

  /** Write `value`; false (nothing written) for a value JSON has no form for (undefined, a function). */
  value(value: unknown, depth: number): boolean {
    switch (typeof value) {
      case 'string':
        this.quote(value)
        return true
      case 'number':
        this.write(Number.isFinite(value) ? String(value) : 'null')
        return true
      case 'boolean':
        this.write(value ? 'true' : 'false')
        return true
      case 'bigint':
        this.write(String(value))
        return true
      case 'object':
        if (value === null) this.write('null')
        else if (value instanceof Date) this.quote(isoLocal(value))
        else this.collection(value, depth)
        return true
      default:
        return false
    }
  }

  private collection(value: object, depth: number) {
    if (this.ancestors.has(value)) return this.quote('[Circular]')
    if (depth >= this.bounds.maxDepth) throw tooDeep(this.bounds, 'serialise')
    const toJSON = (value as { toJSON?: unknown }).toJSON
    // A blob's JSON lists its bytes, at least two characters each: refuse it before building that list.
    if (ArrayBuffer.isView(value) && this.length + 2 * value.byteLength > this.limit) this.overflow()
    // Host values (a driver's Buffer) keep the JSON form they define.
    if (typeof toJSON === 'function') {
      if (!this.value(toJSON.call(value), depth + 1)) this.write('null')
      return
    }
    this.ancestors.add(value)
    const outer = this.newline(depth)
    const inner = this.newline(depth + 1)
    const colon = this.indent ? ': ' : ':'
    if (Array.isArray(value)) {
      this.bounds.charge?.(value.length + 1)
      this.write('[')
      for (let i = 0; i < value.length; i++) {
        this.write(i === 0 ? inner : `,${inner}`)
        if (!this.value(value[i], depth + 1)) this.write('null')
      }
      this.write(value.length === 0 ? ']' : `${outer}]`)
    } else {
      const record = value as Record<string, unknown>
      const keys = Object.keys(record)
      this.bounds.charge?.(keys.length + 1)
      this.write('{')
      let written = 0
      for (const key of keys) {
        const item = record[key]
        if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue
        this.write(written++ === 0 ? inner : `,${inner}`)
        this.quote(key)
        this.write(colon)
        this.value(item, depth + 1)
      }
      this.write(written === 0 ? '}' : `${outer}}`)
    }
    this.ancestors.delete(value)
  }

  private overflow(): never {
    throw this.keeping ? tooLong(this.bounds, 'serialise') : OVERFLOW
  }

  private newline(depth: number): string {
    if (!this.indent) return ''
    let line = this.newlines[depth]
    if (line === undefined) {
      line = `\n${this.indent.repeat(depth)}`
      this.newlines[depth] = line
    }
    return line
  }

  private quote(text: string) {
    // The quoted form is at least two characters longer: fail before building it.
    if (this.length + text.length + 2 > this.limit) this.overflow()
    this.write(JSON.stringify(text))
  }

  private write(piece: string) {
    this.length += piece.length
    if (this.length > this.limit) this.overflow()
    if (!this.keeping) return
    this.pieces.push(piece)
    if (this.pieces.length === 4096) {
      this.chunks.push(this.pieces.join(''))
      this.pieces.length = 0
    }
  }
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
