import type { DataType } from '@quantum/ast'
import { isPlainObject } from './compare'
import { formatDate, toDate } from './dates'
import { toNumberLoose } from './numbers'
import { toText } from './render'

const TRUE_WORDS = new Set(['true', '1', 'yes', 'on'])
const FALSE_WORDS = new Set(['false', '0', 'no', 'off'])

/** A conversion that failed, with the reason (the caller adds where). */
export class ConversionError extends Error {}

/**
 * Convert a value to a declared type (`q:set type=`, `q:param type=`, job params): `string`,
 * `integer`, `number`/`decimal`, `boolean`, `datetime`/`date`/`time`, `array`, `object`/`struct`/`json`,
 * `any`. Throws a ConversionError that names the value and the type.
 */
export function convertTo(value: unknown, type: DataType): unknown {
  switch (type) {
    case 'any':
      return value
    case 'string':
      return toText(value)
    case 'integer': {
      const number = typeof value === 'boolean' ? undefined : toNumberLoose(value)
      if (number === undefined) throw cannot(value, type)
      return Math.trunc(number)
    }
    case 'number':
    case 'decimal': {
      const number = typeof value === 'boolean' ? undefined : toNumberLoose(value)
      if (number === undefined) throw cannot(value, type)
      return number
    }
    case 'boolean': {
      if (typeof value === 'boolean') return value
      if (typeof value === 'number') return value !== 0
      const word = toText(value).trim().toLowerCase()
      if (TRUE_WORDS.has(word)) return true
      if (FALSE_WORDS.has(word)) return false
      throw cannot(value, type)
    }
    case 'datetime':
    case 'date': {
      const date = toDate(value)
      if (!date) throw cannot(value, type)
      return type === 'date' ? new Date(date.getFullYear(), date.getMonth(), date.getDate()) : date
    }
    case 'time': {
      if (typeof value === 'string' && /^\d{2}:\d{2}(:\d{2})?$/.test(value.trim())) return value.trim()
      const date = toDate(value)
      if (!date) throw cannot(value, type)
      return formatDate(date, 'HH:mm:ss')
    }
    case 'array': {
      const parsed = parsed_(value)
      if (!Array.isArray(parsed)) throw cannot(value, type)
      return parsed
    }
    case 'object':
    case 'struct':
    case 'json': {
      const parsed = parsed_(value)
      if (type !== 'json' && !isPlainObject(parsed)) throw cannot(value, type)
      return parsed
    }
  }
}

function parsed_(value: unknown): unknown {
  if (typeof value !== 'string') return value
  const text = value.trim()
  if (text === '') return value
  try {
    return JSON.parse(text)
  } catch {
    return value
  }
}

function cannot(value: unknown, type: string): ConversionError {
  const shown = typeof value === 'string' ? `'${value}'` : toText(value) || 'null'
  return new ConversionError(`Cannot convert ${shown} to ${type}`)
}
