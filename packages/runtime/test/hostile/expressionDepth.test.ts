import { describe, expect, it } from 'vitest'
import { locate } from '../../src/run/errors'
import { run, runError } from '../helpers'

/**
 * Issue 7: the evaluator recurses over the expression tree, so the parser refuses expressions more
 * than 100 levels deep. The deepest it accepts must evaluate with room to spare on the stack.
 */
const terms = (n: number, term = 'a') => Array.from({ length: n }, () => term).join(' + ')
const result = async (body: string) => (await run(`<q:set name="a" value="{1}"/>${body}`)).result

describe('the deepest expressions the parser accepts', () => {
  it('a chain of 100 terms', async () => {
    expect(await result(`<q:return value="{${terms(100)}}"/>`)).toBe(100)
  })

  it('99 prefix operators, 99 parentheses and 99 nested conditionals', async () => {
    expect(await result(`<q:return value="{${'-'.repeat(99)}a}"/>`)).toBe(-1)
    expect(await result(`<q:return value="{${'('.repeat(99)}a${')'.repeat(99)}}"/>`)).toBe(1)
    expect(await result(`<q:return value="{${'a ? '.repeat(99)}7${' : 0'.repeat(99)}}"/>`)).toBe(7)
  })

  it('a path 100 names long, set and read back', async () => {
    const path = `o${'.b'.repeat(99)}`
    expect(await result(`<q:set name="${path}" value="{5}"/><q:return value="{${path}}"/>`)).toBe(5)
  })

  it('a chain of 100 terms at the bottom of ten nested function calls', async () => {
    const source = `<q:function name="f"><q:param name="n"/>
      <q:if condition="{n > 0}"><q:return value="{f(n - 1)}"/></q:if>
      <q:return value="{${terms(100)}}"/>
    </q:function><q:return value="{f(10)}"/>`
    expect(await result(source)).toBe(100)
  })

  it('one level more is refused before anything runs', async () => {
    const error = await runError(`<q:log message="{${terms(101, '1')}}"/>`)
    expect(error.code).toBe('PARSE_EXPRESSION')
    expect(error.message).toMatch(/is nested too deeply; at most 100 levels/)
  })

  it('an exhausted JavaScript stack that reaches a tag becomes a coded limit error at it', () => {
    const site = {
      position: { start: { line: 3, column: 5, offset: 20 }, end: { line: 3, column: 9, offset: 24 } },
      file: 'deep.q',
    }
    const error = locate(new RangeError('Maximum call stack size exceeded'), site)
    expect([error.code, error.location]).toEqual(['RUNTIME_LIMIT_EXCEEDED', 'deep.q:3:5'])
    expect(error.message).toContain('ran out of stack')
    expect(locate(new TypeError('x is not a function'), site).code).toBe('RUNTIME_ERROR')
  })
})
