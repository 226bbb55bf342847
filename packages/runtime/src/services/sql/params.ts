import { ErrorCodes, RuntimeError } from '@quantum/ast'

/** How a `q:param` declares its value. */
export interface ParameterSpec {
  name: string
  /** `string` (default), `integer`, `decimal`/`number`, `boolean`, `datetime`, `date`, `time`, `array`, `json`. */
  datatype?: string
  /** Whether null, undefined or an empty string may be bound as SQL NULL. */
  nullable?: boolean
  /** Longest string accepted (type `string`). */
  maxLength?: number
  /** Digits kept after the decimal point (type `decimal`/`number`); the value is rounded. */
  scale?: number
}

/** A value ready to bind: what {@link convertParameter} returns. */
export type ParameterValue = string | number | boolean | null

type Converter = (value: unknown, spec: ParameterSpec, type: string) => ParameterValue

const TRUE_WORDS = new Set(['true', '1', 'yes', 'on'])
const FALSE_WORDS = new Set(['false', '0', 'no', 'off'])
const INTEGER_TEXT = /^[+-]?\d+$/
const DECIMAL_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i
const DATE_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/
const TIME_TEXT = /^(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?$/
const DATETIME_TEXT = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?$/i

const CONVERTERS: Record<string, Converter> = {
  string: toText,
  integer: toInteger,
  decimal: toDecimal,
  number: toDecimal,
  boolean: toBoolean,
  datetime: toDateTime,
  date: toDate,
  time: toTime,
  array: toArray,
  json: toJson,
}

/**
 * Converts a `q:param` value to its declared type and checks the declaration's rules (null, length,
 * scale). Dates and times become ISO strings, arrays and objects JSON text.
 *
 * @throws RuntimeError `RUNTIME_PARAM`: `Parameter '<name>' validation failed: <reason>`.
 */
export function convertParameter(value: unknown, spec: ParameterSpec): ParameterValue {
  const type = (spec.datatype ?? 'string').trim().toLowerCase() || 'string'
  const convert = CONVERTERS[type]
  if (!convert) throw invalid(spec, `Unknown parameter type: ${spec.datatype}`)
  if (value === null || value === undefined || (value === '' && type !== 'string')) {
    if (spec.nullable === true) return null
    throw invalid(spec, 'Parameter cannot be null')
  }
  return convert(value, spec, type)
}

function invalid(spec: ParameterSpec, reason: string): RuntimeError {
  return new RuntimeError(ErrorCodes.RUNTIME_PARAM, `Parameter '${spec.name}' validation failed: ${reason}`, {
    details: { parameter: spec.name, reason },
  })
}

function cannotConvert(value: unknown, spec: ParameterSpec, type: string): RuntimeError {
  return invalid(spec, `Cannot convert '${display(value)}' to ${type}`)
}

function display(value: unknown): string {
  if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
    try {
      return JSON.stringify(value) ?? String(value)
    } catch {
      return Object.prototype.toString.call(value)
    }
  }
  return String(value)
}

function toText(value: unknown, spec: ParameterSpec): string {
  let text: string
  if (typeof value === 'string') text = value
  else if (value instanceof Date) text = Number.isNaN(value.getTime()) ? String(value) : value.toISOString()
  else if (typeof value === 'object') text = display(value)
  else text = String(value)
  if (spec.maxLength !== undefined && text.length > spec.maxLength) {
    throw invalid(spec, `String length ${text.length} exceeds maximum ${spec.maxLength}`)
  }
  return text
}

function toInteger(value: unknown, spec: ParameterSpec, type: string): number {
  if (typeof value === 'boolean') return value ? 1 : 0
  if (typeof value === 'number' && Number.isFinite(value)) return Math.trunc(value)
  if (typeof value === 'bigint' && Number.isSafeInteger(Number(value))) return Number(value)
  if (typeof value === 'string' && INTEGER_TEXT.test(value.trim())) {
    const number = Number(value.trim())
    if (Number.isSafeInteger(number)) return number
  }
  throw cannotConvert(value, spec, type)
}

function toDecimal(value: unknown, spec: ParameterSpec, type: string): number {
  let number: number | undefined
  if (typeof value === 'boolean') number = value ? 1 : 0
  else if (typeof value === 'number') number = value
  else if (typeof value === 'bigint') number = Number(value)
  else if (typeof value === 'string' && DECIMAL_TEXT.test(value.trim())) number = Number(value.trim())
  if (number === undefined || !Number.isFinite(number)) throw cannotConvert(value, spec, type)
  return spec.scale === undefined ? number : roundTo(number, spec.scale)
}

/** Rounds half away from zero; shifting through the exponent avoids `1.005 * 100 = 100.49999`. */
function roundTo(number: number, scale: number): number {
  const digits = Math.max(0, Math.trunc(scale))
  const shifted = Math.round(Number(`${Math.abs(number)}e${digits}`))
  const rounded = Number(`${shifted}e-${digits}`)
  return number < 0 && rounded !== 0 ? -rounded : rounded
}

function toBoolean(value: unknown, spec: ParameterSpec, type: string): boolean {
  if (typeof value === 'boolean') return value
  if (value === 1 || value === 0) return value === 1
  if (typeof value === 'string') {
    const word = value.trim().toLowerCase()
    if (TRUE_WORDS.has(word)) return true
    if (FALSE_WORDS.has(word)) return false
  }
  throw cannotConvert(value, spec, type)
}

interface DateTimeParts {
  date: string
  time: string
  /** Present when the text carried `Z` or an offset: the instant, as UTC. */
  instant?: Date
}

/** Splits an ISO date-time (or a bare date) into checked parts; undefined when it is not one. */
function parseDateTime(text: string): DateTimeParts | undefined {
  const trimmed = text.trim()
  if (DATE_TEXT.test(trimmed)) return validDate(trimmed) ? { date: trimmed, time: '00:00:00' } : undefined
  const match = DATETIME_TEXT.exec(trimmed)
  if (!match) return undefined
  const [, date, clock, zone] = match
  const time = normalizeTime(clock!)
  if (!validDate(date!) || time === undefined) return undefined
  if (!zone) return { date: date!, time }
  const offset = zone.toUpperCase() === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`
  const instant = new Date(`${date}T${clock}${offset}`)
  return Number.isNaN(instant.getTime()) ? undefined : { date: date!, time, instant }
}

function validDate(text: string): boolean {
  const match = DATE_TEXT.exec(text)
  if (!match) return false
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

/** `HH:MM[:SS[.fff]]` as `HH:MM:SS`, or undefined when out of range. */
function normalizeTime(text: string): string | undefined {
  const match = TIME_TEXT.exec(text)
  if (!match) return undefined
  const [hours, minutes, seconds] = [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)]
  if (hours > 23 || minutes > 59 || seconds > 59) return undefined
  return `${match[1]}:${match[2]}:${match[3] ?? '00'}`
}

function validInstant(value: unknown): value is Date {
  return value instanceof Date && !Number.isNaN(value.getTime())
}

function toDateTime(value: unknown, spec: ParameterSpec, type: string): string {
  if (validInstant(value)) return value.toISOString()
  const parts = typeof value === 'string' ? parseDateTime(value) : undefined
  if (!parts) throw cannotConvert(value, spec, type)
  // Without a zone the text is a wall-clock time; keep it as written rather than guess one.
  return parts.instant ? parts.instant.toISOString() : `${parts.date}T${parts.time}`
}

function toDate(value: unknown, spec: ParameterSpec, type: string): string {
  if (validInstant(value)) return value.toISOString().slice(0, 10)
  const parts = typeof value === 'string' ? parseDateTime(value) : undefined
  if (!parts) throw cannotConvert(value, spec, type)
  return parts.date
}

function toTime(value: unknown, spec: ParameterSpec, type: string): string {
  if (validInstant(value)) return value.toISOString().slice(11, 19)
  if (typeof value === 'string') {
    const time = normalizeTime(value.trim()) ?? parseDateTime(value)?.time
    if (time !== undefined) return time
  }
  throw cannotConvert(value, spec, type)
}

function parsesAsJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch {
    return { ok: false }
  }
}

function toArray(value: unknown, spec: ParameterSpec, type: string): string {
  if (Array.isArray(value)) return stringify(value, spec, type)
  if (typeof value === 'string') {
    const parsed = parsesAsJson(value)
    if (parsed.ok && Array.isArray(parsed.value)) return value
  }
  throw cannotConvert(value, spec, type)
}

function toJson(value: unknown, spec: ParameterSpec, type: string): string {
  if (typeof value === 'string') {
    if (parsesAsJson(value).ok) return value
    throw cannotConvert(value, spec, type)
  }
  return stringify(value, spec, type)
}

function stringify(value: unknown, spec: ParameterSpec, type: string): string {
  try {
    const text = JSON.stringify(value)
    if (text !== undefined) return text
  } catch {
    // A cycle or a BigInt: reported below like any other value JSON cannot hold.
  }
  throw cannotConvert(value, spec, type)
}
