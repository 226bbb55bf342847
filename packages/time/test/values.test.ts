import { describe, expect, it } from 'vitest'
import { formatDuration, formatMilliseconds, parseDateTime, parseDuration } from '../src/index'

describe('parseDuration', () => {
  it.each([
    ['30s', 30_000],
    ['5m', 300_000],
    ['1h', 3_600_000],
    ['1d', 86_400_000],
    ['1w', 604_800_000],
    ['1.5m', 90_000],
    ['250ms', 250],
    ['30', 30_000],
    ['3600', 3_600_000],
    [' 30s ', 30_000],
    ['5 m', 300_000],
    ['5M', 300_000],
    ['0.5s', 500],
  ])('%s is %i ms', (text, ms) => {
    expect(parseDuration(text)).toEqual({ ok: true, ms })
  })

  it.each(['30x', '5x', 'abc', 'invalid', '1.5', 'ms', '1h30m', 's5'])(
    'rejects %s with upstream message',
    (text) => {
      const result = parseDuration(text)
      expect(result.ok).toBe(false)
      if (!result.ok)
        expect(result.message).toMatch(new RegExp(`^Invalid duration format: ${text.toLowerCase()}`))
    },
  )

  it('rejects zero and negative unless zero is allowed', () => {
    expect(parseDuration('0')).toEqual({ ok: false, message: 'Duration must be positive: 0' })
    expect(parseDuration('-5')).toEqual({ ok: false, message: 'Duration must be positive: -5' })
    expect(parseDuration('-1m').ok).toBe(false)
    expect(parseDuration('0s', { allowZero: true })).toEqual({ ok: true, ms: 0 })
    expect(parseDuration('')).toEqual({ ok: false, message: 'Duration string is required' })
  })
})

describe('formatDuration (upstream trigger info)', () => {
  it.each([
    [30, '30s'],
    [59, '59s'],
    [60, '1m'],
    [90, '1m 30s'],
    [300, '5m'],
    [3600, '1h'],
    [3660, '1h 1m'],
    [5400, '1h 30m'],
    [7200, '2h'],
    [86400, '1d'],
    [90000, '1d 1h'],
    [172800, '2d'],
  ])('%i s is %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text)
  })
})

describe('formatMilliseconds (timeouts in messages)', () => {
  it.each([
    [250, '250ms'],
    [1500, '1500ms'],
    [1000, '1s'],
    [30_000, '30s'],
    [90_000, '1m 30s'],
  ])('%i ms is %s', (ms, text) => {
    expect(formatMilliseconds(ms)).toBe(text)
  })
})

describe('parseDateTime', () => {
  it('reads the ISO 8601 forms `at` accepts', () => {
    expect(parseDateTime('2030-01-01')).toEqual({
      ok: true,
      value: { year: 2030, month: 1, day: 1, hour: 0, minute: 0, second: 0, millisecond: 0 },
    })
    expect(parseDateTime('2025-03-01T10:00:00')).toMatchObject({ ok: true, value: { hour: 10, minute: 0 } })
    expect(parseDateTime('2025-03-01T10:00')).toMatchObject({ ok: true, value: { hour: 10 } })
    expect(parseDateTime('2025-03-01T10:00:05.250')).toMatchObject({
      ok: true,
      value: { second: 5, millisecond: 250 },
    })
    expect(parseDateTime('2025-03-01T10:00:00Z')).toMatchObject({ ok: true, value: { offsetMinutes: 0 } })
    expect(parseDateTime('2025-03-01T10:00:00-03:00')).toMatchObject({
      ok: true,
      value: { offsetMinutes: -180 },
    })
    expect(parseDateTime('2025-03-01T10:00:00+0530')).toMatchObject({
      ok: true,
      value: { offsetMinutes: 330 },
    })
    expect(parseDateTime('2024-02-29')).toMatchObject({ ok: true })
  })

  it.each([
    '2025-13-01',
    '2025-02-30',
    '2023-02-29',
    '2025-01-01T24:00',
    '2025-01-01T10:60',
    'tomorrow',
    '01/02/2025',
    '2025-1-1',
  ])('rejects %s', (text) => {
    const result = parseDateTime(text)
    expect(result.ok).toBe(false)
    if (!result.ok)
      expect(result.message).toMatch(
        new RegExp(`^Invalid datetime format: ${text.replace(/[/]/g, '\\/')}\\. Use ISO 8601`),
      )
  })
})
