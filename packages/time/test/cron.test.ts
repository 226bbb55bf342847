import { describe, expect, it } from 'vitest'
import { checkCron } from '../src/index'

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
