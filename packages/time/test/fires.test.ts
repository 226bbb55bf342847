import { ValidationError } from '@quantum/ast'
import { describe, expect, it } from 'vitest'
import { nextFires } from '../src/index'

const iso = (dates: Date[]) => dates.map((date) => date.toISOString())

/** The wall-clock time of an instant in a zone, `YYYY-MM-DD HH:MM`. */
const local = (date: Date, timeZone: string) => {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(date)
  const part = (type: string) => parts.find((candidate) => candidate.type === type)?.value
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`
}

const fires = (expression: string, timezone: string, from: string, count: number) =>
  nextFires(expression, { timezone, from: new Date(from), count })

describe('nextFires across DST', () => {
  const NY = 'America/New_York'

  it('a daily 02:30 in New York fires at the 03:00 jump on spring-forward day, then at 02:30 again', () => {
    const got = fires('30 2 * * *', NY, '2027-03-13T12:00:00Z', 3)
    expect(got.map((date) => local(date, NY))).toEqual([
      '2027-03-14 03:00',
      '2027-03-15 02:30',
      '2027-03-16 02:30',
    ])
    expect(iso(got)[0]).toBe('2027-03-14T07:00:00.000Z')
  })

  it('a daily 01:30 in New York fires once on fall-back day, at the first 01:30', () => {
    const got = fires('30 1 * * *', NY, '2027-11-06T12:00:00Z', 2)
    expect(iso(got)).toEqual(['2027-11-07T05:30:00.000Z', '2027-11-08T06:30:00.000Z'])
    expect(got.map((date) => local(date, NY))).toEqual(['2027-11-07 01:30', '2027-11-08 01:30'])
  })

  it('an expression with a step fires on both passes through the repeated hour', () => {
    expect(iso(fires('*/30 1 * * *', NY, '2027-11-07T04:00:00Z', 5))).toEqual([
      '2027-11-07T05:00:00.000Z',
      '2027-11-07T05:30:00.000Z',
      '2027-11-07T06:00:00.000Z',
      '2027-11-07T06:30:00.000Z',
      '2027-11-08T06:00:00.000Z',
    ])
  })

  it('Sao Paulo: midnight in its last spring-forward gap (2018) runs at the jump; its repeated hour runs once', () => {
    const SP = 'America/Sao_Paulo'
    expect(fires('0 0 * * *', SP, '2018-11-03T12:00:00Z', 2).map((date) => local(date, SP))).toEqual([
      '2018-11-04 01:00',
      '2018-11-05 00:00',
    ])
    expect(iso(fires('30 23 * * *', SP, '2019-02-16T12:00:00Z', 2))).toEqual([
      '2019-02-17T01:30:00.000Z',
      '2019-02-18T02:30:00.000Z',
    ])
    // No DST since 2019: midnight is 03:00 UTC all year.
    expect(iso(fires('0 0 * * *', SP, '2027-01-01T00:00:00Z', 1))).toEqual(['2027-01-01T03:00:00.000Z'])
    expect(iso(fires('0 0 * * *', SP, '2027-07-01T00:00:00Z', 1))).toEqual(['2027-07-01T03:00:00.000Z'])
  })
})

describe('nextFires fields', () => {
  it('0 0 29 2 * fires on leap days only', () => {
    expect(iso(fires('0 0 29 2 *', 'UTC', '2025-01-01T00:00:00Z', 3))).toEqual([
      '2028-02-29T00:00:00.000Z',
      '2032-02-29T00:00:00.000Z',
      '2036-02-29T00:00:00.000Z',
    ])
  })

  it('L is the last day of the month, 5L the last Friday', () => {
    expect(iso(fires('0 9 L * *', 'UTC', '2028-01-15T00:00:00Z', 3))).toEqual([
      '2028-01-31T09:00:00.000Z',
      '2028-02-29T09:00:00.000Z',
      '2028-03-31T09:00:00.000Z',
    ])
    expect(iso(fires('0 9 * * 5L', 'UTC', '2027-01-01T00:00:00Z', 2))).toEqual([
      '2027-01-29T09:00:00.000Z',
      '2027-02-26T09:00:00.000Z',
    ])
  })

  it('1#2 is the second Monday', () => {
    expect(iso(fires('0 9 * * 1#2', 'UTC', '2027-01-01T00:00:00Z', 2))).toEqual([
      '2027-01-11T09:00:00.000Z',
      '2027-02-08T09:00:00.000Z',
    ])
  })

  it('0 and 7 are Sunday; SUN is too', () => {
    for (const sunday of ['0', '7', 'SUN']) {
      expect(iso(fires(`0 9 * * ${sunday}`, 'UTC', '2027-01-01T00:00:00Z', 1))).toEqual([
        '2027-01-03T09:00:00.000Z',
      ])
    }
  })

  it('six fields put seconds first', () => {
    expect(iso(fires('30 0 9 * * *', 'UTC', '2027-01-01T00:00:00Z', 2))).toEqual([
      '2027-01-01T09:00:30.000Z',
      '2027-01-02T09:00:30.000Z',
    ])
  })

  it('day of month and day of week restricted together match either (Vixie cron)', () => {
    expect(iso(fires('0 9 1 * 1', 'UTC', '2027-01-01T00:00:00Z', 3))).toEqual([
      '2027-01-01T09:00:00.000Z',
      '2027-01-04T09:00:00.000Z',
      '2027-01-11T09:00:00.000Z',
    ])
  })

  it('fires come strictly after from; one from now by default; a date that never comes is refused', () => {
    expect(iso(fires('0 0 * * *', 'UTC', '2027-01-01T00:00:00Z', 1))).toEqual(['2027-01-02T00:00:00.000Z'])
    const before = Date.now()
    const [next, ...rest] = nextFires('* * * * * *')
    expect(rest).toEqual([])
    expect(next?.getTime()).toBeGreaterThan(before)
    expect(next?.getTime()).toBeLessThanOrEqual(before + 1000)
    expect(fires('0 0 * * *', 'UTC', '2027-01-01T00:00:00Z', 0)).toEqual([])
    expect(() => fires('0 0 30 2 *', 'UTC', '2027-01-01T00:00:00Z', 3)).toThrow(
      'Invalid cron expression: 0 0 30 2 * (no date matches it, so it would never fire)',
    )
  })
})

describe('nextFires refuses what the parser refuses', () => {
  it.each([
    [
      () => nextFires('0 25 * * *'),
      'PARSE_INVALID_CRON',
      /^Invalid cron expression: 0 25 \* \* \* \(hour field/,
    ],
    [() => nextFires('@daily'), 'PARSE_INVALID_CRON', /expected 5 fields/],
    [() => nextFires('0 0 0 1 1 * 2030'), 'PARSE_INVALID_CRON', /got 7/],
    [
      () => nextFires('0 0 * * *', { timezone: 'Mars/Olympus' }),
      'PARSE_INVALID_TIMEZONE',
      /^No time zone found/,
    ],
    [
      () => nextFires('0 0 * * *', { count: 1.5 }),
      'PARSE_INVALID_VALUE',
      /^Fire count must be a whole number/,
    ],
    [
      () => nextFires('0 0 * * *', { count: -1 }),
      'PARSE_INVALID_VALUE',
      /^Fire count must be a whole number/,
    ],
    [() => nextFires('0 0 * * *', { from: new Date('soon') }), 'PARSE_INVALID_DATETIME', /^Invalid datetime/],
  ])('%#: %s', (call, code, message) => {
    expect(call).toThrow(ValidationError)
    expect(call).toThrow(expect.objectContaining({ code, message: expect.stringMatching(message) }))
  })
})
