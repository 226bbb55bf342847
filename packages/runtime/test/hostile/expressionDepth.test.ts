import { describe, expect, it } from 'vitest'
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

  it('recursion deeper than the stack holds (a call depth raised far past the default) is a coded limit error', async () => {
    const error = await runError(
      `<q:function name="f"><q:param name="n"/>
        <q:if condition="{n > 0}"><q:return value="{f(n - 1) + ${terms(20, 'n')}}"/></q:if>
        <q:return value="{0}"/></q:function>
      <q:return value="{f(1000000)}"/>`,
      { runtime: { limits: { maxCallDepth: 10_000_000, maxSteps: 100_000_000 } } },
    )
    expect(error.code).toBe('RUNTIME_LIMIT_EXCEEDED')
    expect(error.message).toContain('ran out of stack')
  })
})
