import { type DataType, ErrorCodes, RuntimeError } from '@quantum/ast'
import { parseDateTime } from '@quantum/time'
import { isMissing } from '../../values/bindParameters'
import { convertValue, isDataType } from '../../values/convert'
import { formatDate, isoLocal } from '../../values/dates'

/** How a `q:param` declares its value. */
export interface ParameterSpec {
  name: string
  /** Any `DataType` (`string` by default), in any case. */
  datatype?: string
  /** Whether null, undefined or an empty string (where the type has no empty value) may be bound as SQL NULL. */
  nullable?: boolean
  /** Longest string accepted (type `string`). */
  maxLength?: number
  /** Digits kept after the decimal point (type `decimal`/`number`); the value is rounded. */
  scale?: number
}

/** A value ready to bind: what {@link convertParameter} returns. */
export type ParameterValue = string | number | boolean | null

/**
 * How a converted value reaches a driver: `converted` is what `convertValue` made of `given`. What a
 * type has no entry for (integer, boolean, time) binds as converted.
 */
type SqlForm = (converted: unknown, given: unknown, spec: ParameterSpec, type: DataType) => ParameterValue

const asJsonText: SqlForm = (converted, given, spec, type) =>
  typeof given === 'string' ? given : jsonText(converted, given, spec, type)

const SQL_FORMS: Partial<Record<DataType, SqlForm>> = {
  string: (converted, given, spec) =>
    withinLength(given instanceof Date ? given.toISOString() : (converted as string), spec),
  number: (converted, _given, spec) => rounded(converted as number, spec),
  decimal: (converted, _given, spec) => rounded(converted as number, spec),
  // Text without an offset is a wall-clock time: keep it as written rather than guess a zone.
  datetime: (converted, given) =>
    typeof given === 'string' && !hasOffset(given)
      ? isoLocal(converted as Date)
      : (converted as Date).toISOString(),
  date: (converted) => formatDate(converted as Date, 'yyyy-MM-dd'),
  array: asJsonText,
  object: asJsonText,
  struct: asJsonText,
  json: asJsonText,
  any: anyValue,
}

/**
 * Converts a `q:param` value to its declared type with the language's one converter (`convertValue`)
 * and adds what SQL needs on top: NULL only when `nullable`, `maxLength`, `scale`; dates and times
 * as ISO text (a Date as its UTC instant), arrays and objects as JSON text (JSON given as text is
 * bound as written).
 *
 * @throws RuntimeError `RUNTIME_PARAM`: `Parameter '<name>' validation failed: <reason>`.
 */
export function convertParameter(value: unknown, spec: ParameterSpec): ParameterValue {
  const type = (spec.datatype ?? 'string').trim().toLowerCase() || 'string'
  if (!isDataType(type)) throw invalid(spec, `Unknown parameter type: ${spec.datatype}`)
  if (isMissing(value, type)) {
    if (spec.nullable === true) return null
    throw invalid(spec, 'Parameter cannot be null')
  }
  const result = convertValue(value, type)
  if (!result.ok) throw invalid(spec, result.message)
  const form = SQL_FORMS[type]
  return form ? form(result.value, value, spec, type) : (result.value as ParameterValue)
}

function invalid(spec: ParameterSpec, reason: string): RuntimeError {
  return new RuntimeError(ErrorCodes.RUNTIME_PARAM, `Parameter '${spec.name}' validation failed: ${reason}`, {
    details: { parameter: spec.name, reason },
  })
}

function withinLength(text: string, spec: ParameterSpec): string {
  if (spec.maxLength !== undefined && text.length > spec.maxLength) {
    throw invalid(spec, `String length ${text.length} exceeds maximum ${spec.maxLength}`)
  }
  return text
}

function rounded(number: number, spec: ParameterSpec): number {
  return spec.scale === undefined ? number : roundTo(number, spec.scale)
}

/** Rounds half away from zero; shifting through the exponent avoids `1.005 * 100 = 100.49999`. */
function roundTo(number: number, scale: number): number {
  const digits = Math.max(0, Math.trunc(scale))
  const shifted = Math.round(Number(`${Math.abs(number)}e${digits}`))
  const rounded = Number(`${shifted}e-${digits}`)
  return number < 0 && rounded !== 0 ? -rounded : rounded
}

function hasOffset(text: string): boolean {
  const result = parseDateTime(text)
  return result.ok && result.value.offsetMinutes !== undefined
}

function jsonText(converted: unknown, given: unknown, spec: ParameterSpec, type: DataType): string {
  try {
    const text = JSON.stringify(converted)
    if (text !== undefined) return text
  } catch {
    // A cycle or a BigInt: reported below like any other value JSON cannot hold.
  }
  throw invalid(spec, `Cannot convert '${String(given)}' to ${type}`)
}

/** `type="any"`: scalars as they are, a Date as its UTC instant, anything else as JSON text. */
function anyValue(converted: unknown, given: unknown, spec: ParameterSpec, type: DataType): ParameterValue {
  if (typeof converted === 'string' || typeof converted === 'number' || typeof converted === 'boolean')
    return converted
  if (converted instanceof Date) return converted.toISOString()
  if (typeof converted === 'bigint') {
    return Number.isSafeInteger(Number(converted)) ? Number(converted) : String(converted)
  }
  return jsonText(converted, given, spec, type)
}
