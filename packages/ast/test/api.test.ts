import { expect, it } from 'vitest'

it('exposes the public runtime API and nothing else', async () => {
  const api = await import('../src/index')
  expect(Object.keys(api).sort()).toEqual([
    'BOOLEAN_WORDS',
    'CliError',
    'ErrorCodes',
    'ParseError',
    'QuantumError',
    'QueueError',
    'RuntimeError',
    'SCHEDULE_ENTRY_FUNCTION',
    'ScheduleError',
    'ThreadError',
    'ValidationError',
    'formatPoint',
    'parseBooleanWord',
    'scheduleEntry',
  ])
})
