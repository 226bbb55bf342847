import { ValidationError } from '@quantum/ast'
import { describe, expect, it } from 'vitest'
import { runError } from '../helpers'
import { RecordingSchedules } from '../support/jobServices'

/**
 * Issue 19, item 13: `interval="1ms"` flooded a worker with 600 "skipped" lines a second. `check` refuses
 * the literal; a databound interval gets the same minimum once bound, before anything is registered.
 */
describe('a databound schedule interval', () => {
  it.each(['1ms', '999ms', '0.5s'])(
    '%s fails at the tag with the code check gives, registering nothing',
    async (every) => {
      const schedules = new RecordingSchedules()
      const error = await runError(
        `<q:set name="every" value="${every}"/>\n<q:schedule name="s" interval="{every}"><q:log>x</q:log></q:schedule>`,
        { services: { schedules } },
      )
      expect(error).toBeInstanceOf(ValidationError)
      expect(error.code).toBe('PARSE_INVALID_DURATION')
      expect(error.message).toBe(`Interval must be at least 1s: ${every}`)
      expect(error.location).toBe('test.q:2:1')
      expect(schedules.definitions).toEqual([])
    },
  )
})
