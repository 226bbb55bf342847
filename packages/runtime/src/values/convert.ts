import { type DataType, parseBooleanWord } from '@quantum/ast'
import { type LocalDateTime, parseDateTime } from '@quantum/time'
import { isPlainObject } from './compare'
import { formatDate } from './dates'
import { toNumberLoose } from './numbers'
import { toText } from './render'

/** What {@link convertValue} gives: the converted value, or why the value is not one of the type. */
export type ConversionResult = { ok: true; value: unknown } | { ok: false; message: string }

/** A conversion that failed, with the reason (the caller adds where). */
export class ConversionError extends Error {}

const FAIL: unique symbol = Symbol('fail')
type Read = (value: unknown) => unknown

const INTEGER_TEXT = /^[+-]?\d+$/
const TIME_TEXT = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/

const READERS: Record<DataType, Read> = {
  any: (value) => value,
  string: (value) => toText(value),
  integer: toInteger,
  number: toFiniteNumber,
  decimal: toFiniteNumber,
  boolean: toBoolean,
  datetime: (value) => (value instanceof Date ? validDate(value) : whenParts(value, dateTimeOf)),
  date: (value) => whenParts(value, (parts) => new Date(parts.year, parts.month - 1, parts.day)),
  time: toTime,
  array: (value) => whenJson(value, Array.isArray),
  object: (value) => whenJson(value, isPlainObject),
  struct: (value) => whenJson(value, isPlainObject),
  json: (value) => whenJson(value, () => true),
}

/**
 * Convert a value to a declared type: the one set of rules behind `q:set type=`, `q:compute type=`,
 * component, function, job and query `q:param`s.
 *
 * - `integer`: whole numbers (a fractional number is truncated), `true`/`false` as 1/0, and text
 *   that is a whole number (`" 42 "`); text such as `"3.7"` or `"1e3"` is refused.
 * - `number`/`decimal`: finite numbers, booleans as 1/0, numeric text.
 * - `boolean`: booleans, the numbers 1 and 0, and the words of `BOOLEAN_WORDS` (`yes`, `off`…).
 * - `datetime`: a Date, or ISO 8601 text (`2024-01-02`, `2024-01-02T03:04[:05]`, with `Z` or an
 *   offset for an instant, else local time). `date`: the calendar day written, at local midnight.
 *   `time`: `HH:MM:SS` text, from `HH:MM[:SS]` text or a date-time.
 * - `array`/`object`/`struct`/`json`: the value, or the JSON text parsed; it must be an array
 *   (`array`) or a plain object (`object`/`struct`).
 * - `string`: the value as text shows it; `any`: the value as is.
 *
 * @returns `{ ok: true, value }`, or `{ ok: false, message }` such as `Cannot convert 'abc' to integer`.
 */
export function convertValue(value: unknown, type: DataType): ConversionResult {
  if (!isDataType(type)) return { ok: false, message: `Unknown type: ${String(type)}` }
  const converted = READERS[type](value)
  if (converted === FAIL) return { ok: false, message: `Cannot convert '${shown(value)}' to ${type}` }
  return { ok: true, value: converted }
}

/** {@link convertValue} for callers that fail at once: throws a ConversionError with its message. */
export function convertTo(value: unknown, type: DataType): unknown {
  const result = convertValue(value, type)
  if (!result.ok) throw new ConversionError(result.message)
  return result.value
}

/** True for the names {@link convertValue} knows. */
export function isDataType(name: string): name is DataType {
  return Object.hasOwn(READERS, name)
}

function toFiniteNumber(value: unknown): number | typeof FAIL {
  const number = typeof value === 'bigint' ? Number(value) : toNumberLoose(value)
  return number !== undefined && Number.isFinite(number) ? number : FAIL
}

function toInteger(value: unknown): number | typeof FAIL {
  if (typeof value === 'string' || typeof value === 'bigint') {
    const text = String(value).trim()
    const number = INTEGER_TEXT.test(text) ? Number(text) : Number.NaN
    return Number.isSafeInteger(number) ? number : FAIL
  }
  const number = toFiniteNumber(value)
  // `+ 0` turns the -0 of Math.trunc(-0.5) into 0.
  return number === FAIL ? FAIL : Math.trunc(number) + 0
}

function toBoolean(value: unknown): boolean | typeof FAIL {
  if (typeof value === 'boolean') return value
  if (value === 1 || value === 0) return value === 1
  return (typeof value === 'string' ? parseBooleanWord(value) : undefined) ?? FAIL
}

function toTime(value: unknown): string | typeof FAIL {
  const match = typeof value === 'string' ? TIME_TEXT.exec(value.trim()) : null
  if (!match) return whenParts(value, (parts) => clock(parts.hour, parts.minute, parts.second))
  const [hour, minute, second] = [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)]
  return hour > 23 || minute > 59 || second > 59 ? FAIL : clock(hour, minute, second)
}

function clock(hour: number, minute: number, second: number): string {
  return formatDate(new Date(2000, 0, 1, hour, minute, second), 'HH:mm:ss')
}

function validDate(date: Date): Date | typeof FAIL {
  return Number.isNaN(date.getTime()) ? FAIL : date
}

/**
 * The wall-clock parts of a date-time: a Date's local time (how it renders in text), or ISO 8601 text
 * as written (with its offset, when it has one).
 */
function dateTimeParts(value: unknown): LocalDateTime | undefined {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return undefined
    return {
      year: value.getFullYear(),
      month: value.getMonth() + 1,
      day: value.getDate(),
      hour: value.getHours(),
      minute: value.getMinutes(),
      second: value.getSeconds(),
      millisecond: value.getMilliseconds(),
    }
  }
  if (typeof value !== 'string') return undefined
  const result = parseDateTime(value)
  return result.ok ? result.value : undefined
}

function whenParts<T>(value: unknown, build: (parts: LocalDateTime) => T): T | typeof FAIL {
  const parts = dateTimeParts(value)
  return parts ? build(parts) : FAIL
}

function dateTimeOf(parts: LocalDateTime): Date {
  const { year, month, day, hour, minute, second, millisecond, offsetMinutes } = parts
  if (offsetMinutes === undefined) return new Date(year, month - 1, day, hour, minute, second, millisecond)
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, millisecond) - offsetMinutes * 60_000)
}

function whenJson(value: unknown, accept: (parsed: unknown) => boolean): unknown {
  let parsed = value
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value)
    } catch {
      return FAIL
    }
  }
  return accept(parsed) ? parsed : FAIL
}

function shown(value: unknown): string {
  if (value === null || value === undefined) return 'null'
  return typeof value === 'bigint' ? String(value) : toText(value)
}
