import { ValidationError } from '@quantum/ast'
import { describe, expect, it } from 'vitest'
import { instantOf } from '../src/index'

const at = (text: string, zone?: string) => instantOf(text, zone).toISOString()

describe('instantOf', () => {
  it('a date-time with Z or an offset is that instant, whatever the zone', () => {
    expect(at('2030-01-01T08:00:00-03:00', 'Asia/Tokyo')).toBe('2030-01-01T11:00:00.000Z')
    expect(at('2030-01-01T08:00:00Z', 'America/New_York')).toBe('2030-01-01T08:00:00.000Z')
    expect(at('0099-06-01T00:00:00Z')).toBe('0099-06-01T00:00:00.000Z')
  })

  it('without an offset it is the wall-clock time in the zone (UTC by default)', () => {
    expect(at('2030-01-01T08:00:00.250')).toBe('2030-01-01T08:00:00.250Z')
    expect(at('2030-01-01', 'America/Sao_Paulo')).toBe('2030-01-01T03:00:00.000Z')
    expect(at('2027-07-01T12:00', 'America/New_York')).toBe('2027-07-01T16:00:00.000Z')
    expect(at('0099-06-01T00:00:00')).toBe('0099-06-01T00:00:00.000Z')
  })

  it('a time in a spring-forward gap is the jump; a repeated time is its first pass', () => {
    expect(at('2027-03-14T02:30', 'America/New_York')).toBe('2027-03-14T07:00:00.000Z')
    expect(at('2027-11-07T01:30', 'America/New_York')).toBe('2027-11-07T05:30:00.000Z')
    expect(at('2018-11-04T00:00', 'America/Sao_Paulo')).toBe('2018-11-04T03:00:00.000Z')
  })

  it.each([
    [
      () => instantOf('tomorrow'),
      'PARSE_INVALID_DATETIME',
      /^Invalid datetime format: tomorrow\. Use ISO 8601/,
    ],
    [() => instantOf('0000-01-01'), 'PARSE_INVALID_DATETIME', /needs a year from 0001/],
    [() => instantOf('2030-01-01', 'Mars/Olympus'), 'PARSE_INVALID_TIMEZONE', /^No time zone found/],
  ])('%#: refuses with the parser code', (call, code, message) => {
    expect(call).toThrow(ValidationError)
    expect(call).toThrow(expect.objectContaining({ code, message: expect.stringMatching(message) }))
  })
})
