import { describe, expect, it } from 'vitest'
import { checkCron, formatDuration, isTimeZone, parseDateTime, parseDuration } from '../src/values/index'

it('re-exports the duration and date-time readers of @quantum/ast', () => {
  expect(parseDuration('1.5m')).toEqual({ ok: true, ms: 90_000 })
  expect(formatDuration(90)).toBe('1m 30s')
  expect(parseDateTime('2030-01-01').ok).toBe(true)
})

describe('checkCron', () => {
  it.each([
    '0 8 * * *',
    '*/10 * * * * 1',
    '0 0 L * *',
    '0 0 * * 5#2',
    '0 0 * * 5L',
    '0 9 * * MON-FRI',
    '0 0 1 JAN,JUL *',
    '0 0 * * 0',
    '0 0 * * 7',
    '1-5/2 * * * *',
  ])('accepts %s', (cron) => {
    expect(checkCron(cron).ok).toBe(true)
  })

  it('counts fields: 5, or 6 with seconds first', () => {
    expect(checkCron('0 8 * * *')).toEqual({ ok: true, fields: 5 })
    expect(checkCron('30 0 8 * * *')).toEqual({ ok: true, fields: 6 })
    for (const bad of ['* * * *', '0 0 8 * * * 2030', '', 'abc', '@daily']) {
      const result = checkCron(bad)
      expect(result.ok, bad).toBe(false)
      if (!result.ok) expect(result.message).toContain('expected 5 fields')
    }
  })

  it.each([
    ['61 * * * *', 'minute field "61"'],
    ['0 24 * * *', 'hour field "24"'],
    ['0 0 32 * *', 'day of month field "32"'],
    ['0 0 * 13 *', 'month field "13"'],
    ['0 0 * * 8', 'day of week field "8"'],
    ['0 0 * * 1#6', 'day of week field "1#6"'],
    ['60 0 0 * * *', 'second field "60"'],
    ['*/0 * * * *', 'minute field "*/0"'],
  ])('names the bad field of %s', (cron, field) => {
    const result = checkCron(cron)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.message).toContain(field)
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
