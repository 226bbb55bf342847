import { ErrorCodes, RuntimeError } from '@quantum/ast'
import { describe, expect, it } from 'vitest'
import { convertParameter, type ParameterSpec } from '../../src/services/sql/params'

function failure(value: unknown, spec: ParameterSpec): RuntimeError {
  try {
    convertParameter(value, spec)
  } catch (error) {
    expect(error).toBeInstanceOf(RuntimeError)
    expect((error as RuntimeError).code).toBe(ErrorCodes.RUNTIME_PARAM)
    return error as RuntimeError
  }
  throw new Error(`expected ${String(value)} to fail`)
}

describe('convertParameter', () => {
  it('treats a missing type as string', () => {
    expect(convertParameter('abc', { name: 'p' })).toBe('abc')
    expect(convertParameter(42, { name: 'p' })).toBe('42')
    expect(convertParameter(true, { name: 'p', datatype: 'string' })).toBe('true')
  })

  it('checks maxLength on strings', () => {
    expect(convertParameter('abc', { name: 'code', maxLength: 3 })).toBe('abc')
    expect(failure('abcd', { name: 'code', maxLength: 3 }).message).toBe(
      "Parameter 'code' validation failed: String length 4 exceeds maximum 3",
    )
  })

  it('converts integers', () => {
    const spec = { name: 'n', datatype: 'integer' }
    expect(convertParameter('42', spec)).toBe(42)
    expect(convertParameter(' -7 ', spec)).toBe(-7)
    expect(convertParameter(5, spec)).toBe(5)
    expect(convertParameter(true, spec)).toBe(1)
    expect(failure('abc', spec).message).toBe(
      "Parameter 'n' validation failed: Cannot convert 'abc' to integer",
    )
    expect(failure('4.5', spec).message).toBe(
      "Parameter 'n' validation failed: Cannot convert '4.5' to integer",
    )
  })

  it('converts decimals and numbers, rounding to scale', () => {
    expect(convertParameter('12.34567', { name: 'x', datatype: 'decimal' })).toBe(12.34567)
    expect(convertParameter('12.34567', { name: 'x', datatype: 'decimal', scale: 2 })).toBe(12.35)
    expect(convertParameter(1.005, { name: 'x', datatype: 'decimal', scale: 2 })).toBe(1.01)
    expect(convertParameter(-2.5, { name: 'x', datatype: 'number', scale: 0 })).toBe(-3)
    expect(convertParameter('1e3', { name: 'x', datatype: 'number' })).toBe(1000)
    expect(failure('12abc', { name: 'x', datatype: 'decimal' }).message).toBe(
      "Parameter 'x' validation failed: Cannot convert '12abc' to decimal",
    )
    expect(failure('NaN', { name: 'x', datatype: 'number' }).message).toContain(
      "Cannot convert 'NaN' to number",
    )
  })

  it('converts booleans from true/1/yes/on and false/0/no/off', () => {
    const spec = { name: 'b', datatype: 'boolean' }
    for (const value of [true, 1, 'true', '1', 'yes', 'ON', ' Yes '])
      expect(convertParameter(value, spec)).toBe(true)
    for (const value of [false, 0, 'false', '0', 'no', 'OFF'])
      expect(convertParameter(value, spec)).toBe(false)
    expect(failure('maybe', spec).message).toBe(
      "Parameter 'b' validation failed: Cannot convert 'maybe' to boolean",
    )
    expect(failure(2, spec).message).toContain("Cannot convert '2' to boolean")
  })

  it('converts datetimes to ISO strings', () => {
    const spec = { name: 'at', datatype: 'datetime' }
    expect(convertParameter(new Date(Date.UTC(2024, 0, 2, 3, 4, 5)), spec)).toBe('2024-01-02T03:04:05.000Z')
    expect(convertParameter('2024-01-02T03:04:05Z', spec)).toBe('2024-01-02T03:04:05.000Z')
    expect(convertParameter('2024-01-02T05:04:05+02:00', spec)).toBe('2024-01-02T03:04:05.000Z')
    expect(convertParameter('2024-01-02 03:04', spec)).toBe('2024-01-02T03:04:00')
    expect(convertParameter('2024-01-02', spec)).toBe('2024-01-02T00:00:00')
    expect(failure('2024-02-30T00:00:00', spec).message).toContain(
      "Cannot convert '2024-02-30T00:00:00' to datetime",
    )
    expect(failure('yesterday', spec).message).toContain("Cannot convert 'yesterday' to datetime")
  })

  it('converts dates to YYYY-MM-DD', () => {
    const spec = { name: 'd', datatype: 'date' }
    expect(convertParameter('2024-02-29', spec)).toBe('2024-02-29')
    expect(convertParameter('2024-02-29T23:59:59Z', spec)).toBe('2024-02-29')
    expect(convertParameter(new Date(Date.UTC(2023, 11, 31, 12)), spec)).toBe('2023-12-31')
    expect(failure('2023-02-29', spec).message).toContain("Cannot convert '2023-02-29' to date")
    expect(failure(20240101, spec).message).toContain('to date')
  })

  it('converts times to HH:MM:SS', () => {
    const spec = { name: 't', datatype: 'time' }
    expect(convertParameter('09:30', spec)).toBe('09:30:00')
    expect(convertParameter('09:30:15.250', spec)).toBe('09:30:15')
    expect(convertParameter('2024-01-02T10:11:12Z', spec)).toBe('10:11:12')
    expect(convertParameter(new Date(Date.UTC(2024, 0, 2, 22, 5, 6)), spec)).toBe('22:05:06')
    expect(failure('25:00', spec).message).toContain("Cannot convert '25:00' to time")
  })

  it('converts arrays and json to JSON text and passes valid JSON strings through', () => {
    expect(convertParameter([1, 'a'], { name: 'a', datatype: 'array' })).toBe('[1,"a"]')
    expect(convertParameter('[1, 2]', { name: 'a', datatype: 'array' })).toBe('[1, 2]')
    expect(failure('{"a":1}', { name: 'a', datatype: 'array' }).message).toContain('to array')
    expect(convertParameter({ a: [1] }, { name: 'j', datatype: 'json' })).toBe('{"a":[1]}')
    expect(convertParameter('{"a": 1}', { name: 'j', datatype: 'json' })).toBe('{"a": 1}')
    expect(convertParameter(5, { name: 'j', datatype: 'json' })).toBe('5')
    expect(failure('{not json', { name: 'j', datatype: 'json' }).message).toBe(
      "Parameter 'j' validation failed: Cannot convert '{not json' to json",
    )
  })

  it('accepts type names in any case', () => {
    expect(convertParameter('7', { name: 'n', datatype: 'INTEGER' })).toBe(7)
  })

  it('rejects an unknown type', () => {
    expect(failure('x', { name: 'p', datatype: 'money' }).message).toBe(
      "Parameter 'p' validation failed: Unknown parameter type: money",
    )
  })

  it('allows null, undefined and empty values only when nullable', () => {
    for (const datatype of ['string', 'integer', 'boolean', 'date', 'json']) {
      expect(convertParameter(null, { name: 'p', datatype, nullable: true })).toBeNull()
      expect(convertParameter(undefined, { name: 'p', datatype, nullable: true })).toBeNull()
      expect(failure(null, { name: 'p', datatype }).message).toBe(
        "Parameter 'p' validation failed: Parameter cannot be null",
      )
      expect(failure(undefined, { name: 'p', datatype, nullable: false }).message).toContain(
        'Parameter cannot be null',
      )
    }
    expect(convertParameter('', { name: 'p', datatype: 'integer', nullable: true })).toBeNull()
    expect(failure('', { name: 'p', datatype: 'integer' }).message).toContain('Parameter cannot be null')
  })

  it('counts an empty string as a value for strings', () => {
    expect(convertParameter('', { name: 'p' })).toBe('')
    expect(convertParameter('', { name: 'p', datatype: 'string', nullable: true })).toBe('')
  })

  it('carries the parameter name and reason in details', () => {
    expect(failure('x', { name: 'age', datatype: 'integer' }).details).toEqual({
      parameter: 'age',
      reason: "Cannot convert 'x' to integer",
    })
  })
})
