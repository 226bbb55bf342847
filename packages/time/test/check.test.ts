import { describe, expect, it } from 'vitest'
import { checkTimeValue, isTimeZone } from '../src/index'

describe('checkTimeValue', () => {
  it('gives the value a node keeps: milliseconds, or the trimmed text', () => {
    expect(checkTimeValue('duration', ' 1.5m ')).toEqual({ ok: true, value: 90_000 })
    expect(checkTimeValue('cron', ' 0 8 * * MON ')).toEqual({ ok: true, value: '0 8 * * MON' })
    expect(checkTimeValue('datetime', ' 2030-01-01T08:00:00-03:00 ')).toEqual({
      ok: true,
      value: '2030-01-01T08:00:00-03:00',
    })
    expect(checkTimeValue('timezone', ' America/Sao_Paulo ')).toEqual({
      ok: true,
      value: 'America/Sao_Paulo',
    })
  })

  it.each([
    ['duration', '0', 'PARSE_INVALID_DURATION', 'Duration must be positive: 0'],
    [
      'duration',
      '5x',
      'PARSE_INVALID_DURATION',
      'Invalid duration format: 5x (expected a number with a unit: 250ms, 30s, 5m, 1.5h, 1d, 1w; or whole seconds)',
    ],
    [
      'cron',
      '0 25 * * *',
      'PARSE_INVALID_CRON',
      'Invalid cron expression: 0 25 * * * (hour field "25" is not valid; allowed: 0-23, with * , - /)',
    ],
    [
      'cron',
      '0 0 30 2 *',
      'PARSE_INVALID_CRON',
      'Invalid cron expression: 0 0 30 2 * (no date matches it, so it would never fire)',
    ],
    [
      'cron',
      '0 0 31 4,6,9,11 *',
      'PARSE_INVALID_CRON',
      'Invalid cron expression: 0 0 31 4,6,9,11 * (no date matches it, so it would never fire)',
    ],
    [
      'datetime',
      '2025-02-30',
      'PARSE_INVALID_DATETIME',
      'Invalid datetime format: 2025-02-30. Use ISO 8601 (e.g. 2030-01-01T08:00:00 or 2030-01-01T08:00:00-03:00)',
    ],
    [
      'timezone',
      ' Mars/Olympus ',
      'PARSE_INVALID_TIMEZONE',
      'No time zone found with key Mars/Olympus (expected an IANA name such as UTC, Europe/Lisbon, America/Sao_Paulo)',
    ],
  ] as const)('refuses %s %j with %s', (kind, text, code, message) => {
    expect(checkTimeValue(kind, text)).toEqual({ ok: false, code, message })
  })
})

describe('isTimeZone', () => {
  it('knows IANA zones and rejects others', () => {
    expect(isTimeZone('UTC')).toBe(true)
    expect(isTimeZone('America/Sao_Paulo')).toBe(true)
    expect(isTimeZone('Europe/Lisbon')).toBe(true)
    expect(isTimeZone('Mars/Olympus')).toBe(false)
    expect(isTimeZone('')).toBe(false)
  })
})
