import { describe, expect, it } from 'vitest'
import { hostile, hostileError } from '../support/hostile'

describe('hostile: small defects', () => {
  it('replace takes its replacement literally: no JavaScript replacement patterns', async () => {
    const { result } = await hostile(
      `<q:return value="{['abc'.replace('b', '$&amp;$&amp;'), 'a.b'.replace('.', '$1$$'), 'aaa'.replace('a', '$\`')]}"/>`,
    )
    expect(result?.result).toEqual(['a$&$&c', 'a$1$$b', '$`$`$`'])
  })

  it('an operation on a name that is not defined names it, at the name', async () => {
    const cases = [
      ['{x * y}', 'y', 'cannot apply "*": y is not defined'],
      ['{y - 1}', 'y', 'cannot apply "-": y is not defined'],
      ['{order.total + 1}', 'order', 'cannot apply "+": order.total is not defined'],
      ['{-missing}', 'missing', 'cannot apply "-": missing is not defined'],
      ['{y &lt; 3}', 'y', 'cannot apply "<": y is not defined'],
      ['{1 in nothing}', 'nothing', 'cannot apply "in": nothing is not defined'],
    ] as const
    for (const [expression, operand, message] of cases) {
      const body = `<q:set name="x" value="10"/><q:set name="order" value="{{}}"/><q:set name="z" value="${expression}"/>`
      const error = await hostileError(body)
      expect([expression, error.code, error.message]).toEqual([expression, 'RUNTIME_NOT_FOUND', message])
      // The body follows the 25 characters of <q:component name="Test">.
      expect(error.location).toBe(`test.q:1:${25 + body.lastIndexOf(operand) + 1}`)
    }
  })

  it('equality and an "in" item still read a missing name as null', async () => {
    const { result } = await hostile('<q:return value="{[y == null, y != 1, y in [1, 2], y not in [1]]}"/>')
    expect(result?.result).toEqual([true, true, false, true])
  })

  it('formatNumber with more than 100 decimals is a coded error in our words', async () => {
    const error = await hostileError(`<q:set name="t" value="{formatNumber(1, '0.${'0'.repeat(101)}')}"/>`)
    expect(error.code).toBe('RUNTIME_TYPE_ERROR')
    expect(error.message).toBe('formatNumber() mask asks for more than 100 decimals')
    const { result } = await hostile(`<q:return value="{formatNumber(1, '0.${'0'.repeat(100)}')}"/>`)
    expect(result?.result).toBe(`1.${'0'.repeat(100)}`)
  })
})
