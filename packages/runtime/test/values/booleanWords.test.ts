import { describe, expect, it } from 'vitest'
import { truthy } from '../../src/index'
import { run } from '../helpers'

const result = async (body: string) => (await run(body)).result

describe('the one table of boolean words in the runtime', () => {
  it('loose equality reads on/off like yes/no (a checkbox posts "on")', async () => {
    expect(
      await result(
        `<q:return value="{[true == 'on', false == 'OFF', true == 'yes', 'on' == true, true == 'maybe']}"/>`,
      ),
    ).toEqual([true, true, true, true, false])
  })

  it('conditions treat "off" as false, like "false", "no" and "0"', async () => {
    expect([
      truthy('off'),
      truthy(' OFF '),
      truthy('no'),
      truthy('0'),
      truthy('on'),
      truthy('maybe'),
    ]).toEqual([false, false, false, false, true, true])
    expect(
      await result(
        `<q:set name="flag" value="off"/><q:if condition="{flag}"><q:return value="on"/></q:if><q:return value="off"/>`,
      ),
    ).toBe('off')
  })
})
