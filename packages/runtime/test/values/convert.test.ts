import type { DataType } from '@quantum/ast'
import { describe, expect, it } from 'vitest'
import { convertValue } from '../../src/index'

const ok = (value: unknown, type: DataType) => {
  const result = convertValue(value, type)
  if (!result.ok) throw new Error(result.message)
  return result.value
}
const reason = (value: unknown, type: DataType) => {
  const result = convertValue(value, type)
  if (result.ok) throw new Error(`expected ${String(value)} not to convert to ${type}`)
  return result.message
}

describe('convertValue', () => {
  it('reads integers from whole numbers and whole-number text; a fraction in text is refused', () => {
    expect(ok('42', 'integer')).toBe(42)
    expect(ok(' -7 ', 'integer')).toBe(-7)
    expect(ok(42.7, 'integer')).toBe(42)
    expect(ok(true, 'integer')).toBe(1)
    expect(ok(9n, 'integer')).toBe(9)
    expect(reason('3.7', 'integer')).toBe("Cannot convert '3.7' to integer")
    expect(reason('1e3', 'integer')).toBe("Cannot convert '1e3' to integer")
    expect(reason('abc', 'integer')).toBe("Cannot convert 'abc' to integer")
    expect(reason(Number.POSITIVE_INFINITY, 'integer')).toBe("Cannot convert 'Infinity' to integer")
    expect(reason('99999999999999999999', 'integer')).toContain('to integer')
  })

  it('reads finite numbers for number and decimal', () => {
    expect(ok('2.5', 'decimal')).toBe(2.5)
    expect(ok(' 1e3 ', 'number')).toBe(1000)
    expect(ok(false, 'number')).toBe(0)
    expect(reason('12abc', 'decimal')).toBe("Cannot convert '12abc' to decimal")
    expect(reason(Number.NaN, 'number')).toBe("Cannot convert 'NaN' to number")
    expect(reason(Number.NEGATIVE_INFINITY, 'number')).toContain('to number')
  })

  it('reads booleans from the one word table and from 1/0 only', () => {
    for (const value of [true, 1, 'true', 'YES', ' on ', '1']) expect(ok(value, 'boolean')).toBe(true)
    for (const value of [false, 0, 'false', 'No', 'OFF', '0']) expect(ok(value, 'boolean')).toBe(false)
    expect(reason(2, 'boolean')).toBe("Cannot convert '2' to boolean")
    expect(reason('maybe', 'boolean')).toBe("Cannot convert 'maybe' to boolean")
  })

  it('reads datetimes from dates and ISO 8601 text only', () => {
    const instant = ok('2024-01-02T05:04:05+02:00', 'datetime') as Date
    expect(instant.toISOString()).toBe('2024-01-02T03:04:05.000Z')
    expect(ok('2024-01-02 03:04', 'datetime')).toEqual(new Date(2024, 0, 2, 3, 4))
    expect(ok('2024-01-02', 'datetime')).toEqual(new Date(2024, 0, 2))
    const now = new Date()
    expect(ok(now, 'datetime')).toBe(now)
    expect(reason('2024-02-30T00:00:00', 'datetime')).toBe("Cannot convert '2024-02-30T00:00:00' to datetime")
    expect(reason('Jan 2, 2024', 'datetime')).toBe("Cannot convert 'Jan 2, 2024' to datetime")
    expect(reason(1_700_000_000_000, 'datetime')).toContain('to datetime')
  })

  it('reads a date as the calendar day written, at local midnight', () => {
    expect(ok('2024-02-29T23:59:59Z', 'date')).toEqual(new Date(2024, 1, 29))
    expect(ok(new Date(2023, 11, 31, 15, 30), 'date')).toEqual(new Date(2023, 11, 31))
    expect(reason('2023-02-29', 'date')).toBe("Cannot convert '2023-02-29' to date")
  })

  it('reads a time as HH:MM:SS', () => {
    expect(ok('09:30', 'time')).toBe('09:30:00')
    expect(ok('09:30:15.250', 'time')).toBe('09:30:15')
    expect(ok('2024-01-02T10:11:12Z', 'time')).toBe('10:11:12')
    expect(ok(new Date(2024, 0, 2, 22, 5, 6), 'time')).toBe('22:05:06')
    expect(reason('25:00', 'time')).toBe("Cannot convert '25:00' to time")
  })

  it('reads arrays, objects and JSON from values or JSON text; text that is not JSON is refused', () => {
    expect(ok('[1, 2]', 'array')).toEqual([1, 2])
    expect(ok(['a'], 'array')).toEqual(['a'])
    expect(reason('{"a":1}', 'array')).toBe('Cannot convert \'{"a":1}\' to array')
    expect(ok('{"a": 1}', 'object')).toEqual({ a: 1 })
    expect(ok({ a: 1 }, 'struct')).toEqual({ a: 1 })
    expect(reason('[1]', 'object')).toBe("Cannot convert '[1]' to object")
    expect(ok('{"a": [1]}', 'json')).toEqual({ a: [1] })
    expect(ok(5, 'json')).toBe(5)
    expect(reason('hello', 'json')).toBe("Cannot convert 'hello' to json")
  })

  it('renders strings the way text shows values, and keeps anything for any', () => {
    expect(ok(12, 'string')).toBe('12')
    expect(ok(true, 'string')).toBe('true')
    expect(ok({ a: 1 }, 'string')).toBe('{"a":1}')
    const value = { a: 1 }
    expect(ok(value, 'any')).toBe(value)
  })
})
