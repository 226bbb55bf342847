import { ErrorCodes } from '@quantum/ast'
import { describe, expect, it } from 'vitest'
import { checkTimeValue, intervalProblem, MIN_INTERVAL_MS } from '../../src/index'

/**
 * Issue 19, item 13: `interval="1ms"` was accepted and flooded 600 "skipped" lines a second at 137 % CPU.
 * A schedule's interval is at least {@link MIN_INTERVAL_MS}; one check serves the parser, the runtime
 * and the scheduler.
 */
describe('the shortest interval', () => {
  it('is one second', () => {
    expect(MIN_INTERVAL_MS).toBe(1000)
  })

  it.each(['1ms', '999ms', '0.5s', ' 1ms '])('refuses interval "%s" with PARSE_INVALID_DURATION', (text) => {
    expect(checkTimeValue('interval', text)).toEqual({
      ok: false,
      code: ErrorCodes.PARSE_INVALID_DURATION,
      message: `Interval must be at least 1s: ${text.trim()}`,
    })
  })

  it('still reports a malformed or zero interval as a duration', () => {
    expect(checkTimeValue('interval', '0s')).toEqual(checkTimeValue('duration', '0s'))
    expect(checkTimeValue('interval', 'soon')).toEqual(checkTimeValue('duration', 'soon'))
  })

  it.each([
    ['1s', 1000],
    ['1', 1000],
    ['1000ms', 1000],
    ['1.5m', 90_000],
  ])('takes interval "%s"', (text, ms) => {
    expect(checkTimeValue('interval', text)).toEqual({ ok: true, value: ms })
  })

  it('says the same of milliseconds, for intervals that never were text', () => {
    expect(intervalProblem(1)).toBe('Interval must be at least 1s: 1ms')
    expect(intervalProblem(Number.NaN)).toMatch(/^Interval must be at least 1s: /)
    expect(intervalProblem(1000)).toBeUndefined()
    expect(intervalProblem(100, { minMs: 100 })).toBeUndefined()
    expect(intervalProblem(99, { minMs: 100, text: '99ms' })).toBe('Interval must be at least 100ms: 99ms')
  })

  it('leaves other durations alone: q:sleep and timeouts may be short', () => {
    expect(checkTimeValue('duration', '1ms')).toEqual({ ok: true, value: 1 })
  })
})
