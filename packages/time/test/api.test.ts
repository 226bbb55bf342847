import { expect, it } from 'vitest'

it('exposes the public runtime API and nothing else', async () => {
  const api = await import('../src/index')
  expect(Object.keys(api).sort()).toEqual([
    'MIN_INTERVAL_MS',
    'checkCron',
    'checkTimeValue',
    'formatDuration',
    'formatMilliseconds',
    'instantOf',
    'intervalProblem',
    'isTimeZone',
    'nextFires',
    'parseDateTime',
    'parseDuration',
    'setLongTimeout',
  ])
})
