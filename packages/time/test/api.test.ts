import { expect, it } from 'vitest'

it('exposes the public runtime API and nothing else', async () => {
  const api = await import('../src/index')
  expect(Object.keys(api).sort()).toEqual([
    'checkCron',
    'checkTimeValue',
    'formatDuration',
    'formatMilliseconds',
    'instantOf',
    'isTimeZone',
    'nextFires',
    'parseDateTime',
    'parseDuration',
    'setLongTimeout',
  ])
})
