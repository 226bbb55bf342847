import { expect, it } from 'vitest'

it('exposes the scheduler, the registrar, the trigger maths, the info and the system clock, and nothing else', async () => {
  const api = await import('../src/index')
  expect(Object.keys(api).sort()).toEqual([
    'createScheduleRegistrar',
    'createScheduler',
    'nextFireAfter',
    'scheduleInfo',
    'systemClock',
  ])
})
