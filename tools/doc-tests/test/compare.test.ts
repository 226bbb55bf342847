import { describe, expect, it } from 'vitest'
import { appearsLive, lineMatches, outputMatches, refreshed } from './compare'

describe('comparing shown output with real output', () => {
  it('lets times, durations, worker ids, ports, mail ids and paths differ, and nothing else', () => {
    expect(
      lineMatches(
        '2027-03-14 08:00:00 success take-orders due 2027-03-14T08:00:03.000Z (started 1 ms late)',
        '2026-12-07 16:19:41 success take-orders due 2026-12-07T16:19:44.821Z (started 240 ms late)',
      ),
    ).toBe(true)
    expect(lineMatches('  Worker: laptop:4242:9f3a1c', '  Worker: vm:27795:b52054')).toBe(true)
    expect(
      lineMatches(
        '  Store: sqlite /home/you/q/.quantum/quantum.db',
        '  Store: sqlite /tmp/x-1/.quantum/quantum.db',
      ),
    ).toBe(true)
    expect(
      lineMatches('  Metrics: http://127.0.0.1:9464/metrics', '  Metrics: http://127.0.0.1:40669/metrics'),
    ).toBe(true)
    expect(lineMatches('expire-sessions  success  0.01s  -', 'expire-sessions  success  1.07s  -')).toBe(true)
    expect(
      lineMatches(
        'completed process-order #4 on orders attempt 2',
        'completed process-order #5 on orders attempt 2',
      ),
    ).toBe(false)
    expect(lineMatches('Result: 4', 'Result: 5')).toBe(false)
    expect(lineMatches('  Schedules: 3', '  Schedules: 4')).toBe(false)
  })

  it('reads … in a shown line as any text, and a ... line as any lines', () => {
    expect(
      lineMatches(
        'Worker stopped: fires …, jobs … completed',
        'Worker stopped: fires 2 (0 failed), jobs 11 completed',
      ),
    ).toBe(true)
    expect(
      lineMatches('Worker stopped: fires …, jobs … completed', 'Worker stopped: fires 2, jobs 11 failed'),
    ).toBe(false)
    expect(outputMatches(['a', '...', 'd'], ['a', 'b', 'c', 'd'])).toBe(true)
    expect(outputMatches(['a', '...', 'd'], ['a', 'd'])).toBe(true)
    expect(outputMatches(['a', 'd'], ['a', 'b', 'd'])).toBe(false)
    expect(outputMatches(['a'], ['a', 'b'])).toBe(false)
  })

  it('compares a live block: unstamped lines in order, stamped ones anywhere between them', () => {
    const real = ['Starting', '2026-12-07 16:00:01 b', '2026-12-07 16:00:00 a', 'Stopping', 'Stopped']
    expect(
      appearsLive(['Starting', '2027-03-14 08:00:00 a', '2027-03-14 08:00:00 b', 'Stopping'], real),
    ).toBe(true)
    expect(appearsLive(['Stopping', 'Starting'], real)).toBe(false)
    expect(appearsLive(['Starting', 'Stopping', '2027-03-14 08:00:00 a'], real)).toBe(false)
    expect(appearsLive(['Starting', '2027-03-14 08:00:00 c', 'Stopping'], real)).toBe(false)
  })

  it('refreshes shown output from a real run, keeping the shown lines that still match', () => {
    expect(
      refreshed(
        ['kept /home/you/q', 'old'],
        ['kept /tmp/s/x', 'new /tmp/s/y', 'more'],
        '/tmp/s',
        '/home/you/q',
      ),
    ).toEqual(['kept /home/you/q', 'new /home/you/q/y', 'more'])
  })
})
