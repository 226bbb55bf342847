import { describe, expect, it } from 'vitest'
import { run, runError } from '../helpers'

/** The value of one expression, as a component returns it. */
const value = async (expression: string, setup = '') =>
  (await run(`${setup}<q:return value="${expression.replaceAll('"', '&quot;')}"/>`)).result

describe('expressions', () => {
  it('evaluates literals and arithmetic with Python-like precedence', async () => {
    expect(await value('{1 + 2 * 3}')).toBe(7)
    expect(await value('{(1 + 2) * 3}')).toBe(9)
    expect(await value('{7 // 2}')).toBe(3)
    expect(await value('{-7 % 3}')).toBe(2)
    expect(await value('{7 / 2}')).toBe(3.5)
    expect(await value("{'a' + 'b'}")).toBe('ab')
    expect(await value('{[1, 2] + [3]}')).toEqual([1, 2, 3])
    expect(await value('{-x}', '<q:set name="x" value="{5}"/>')).toBe(-5)
    expect(await value('{true}')).toBe(true)
    expect(await value('{None}')).toBe(null)
  })

  it('treats a numeric string as a number next to a number (literal digits stay strings)', async () => {
    expect(await value('{n + 1}', '<q:set name="n" value="41"/>')).toBe(42)
    expect(await value('{n}', '<q:set name="n" value="41"/>')).toBe('41')
    expect(await value("{'3' == 3}")).toBe(true)
    expect(await value("{'3' eq 3 and 2 lt 10 and 4 gte 4 and 5 neq 6}")).toBe(true)
    expect(await value("{'abc' == 'ABC'}")).toBe(false)
    expect(await value("{true == 'true'}")).toBe(true)
    expect(await value('{[1, 2] == [1, 2]}')).toBe(true)
    expect(await value("{'10' > 9}")).toBe(true)
    expect(await value("{'b' > 'a'}")).toBe(true)
  })

  it('has and/or/not in both spellings, returning operands like Python', async () => {
    expect(
      await value('{a && !b}', '<q:set name="a" value="{true}"/><q:set name="b" value="{false}"/>'),
    ).toBe(true)
    expect(await value("{missing or 'default'}")).toBe('default')
    expect(await value("{'x' and 'y'}")).toBe('y')
    expect(await value('{not 0}')).toBe(true)
    expect(await value("{ok ? 'yes' : 'no'}", '<q:set name="ok" value="{1 > 0}"/>')).toBe('yes')
  })

  it('reads members, indexes, .length, and `in`', async () => {
    const setup = `<q:set name="user" value='{{"name": "Ana", "tags": ["a", "b"]}}'/>`
    expect(await value('{user.name}', setup)).toBe('Ana')
    expect(await value('{user.tags[1]}', setup)).toBe('b')
    expect(await value('{user.tags[-1]}', setup)).toBe('b')
    expect(await value("{user['name'].length}", setup)).toBe(3)
    expect(await value('{user.tags.length}', setup)).toBe(2)
    expect(await value("{'a' in user.tags and 'z' not in user.tags and 'name' in user}", setup)).toBe(true)
    expect(await value("{'na' in 'banana'}")).toBe(true)
  })

  it('calls whitelisted methods and no JavaScript ones', async () => {
    expect(await value("{'a,b'.split(',').join('-')}")).toBe('a-b')
    expect(await value("{' Hi '.strip().upper()}")).toBe('HI')
    const error = await runError(`<q:return value="{'x'.constructorx()}"/>`)
    expect(error.code).toBe('RUNTIME_NOT_FOUND')
    expect(error.message).toContain('has no method "constructorx"')
  })

  it('never reaches the prototype through a member or index', async () => {
    const setup = '<q:set name="o" value="{{\'a\': 1}}"/>'
    expect(await value("{o['toString'] == null}", setup)).toBe(true)
    expect(await value('{o.hasOwnProperty == null}', setup)).toBe(true)
    expect(await value("{'x'['valueOf'] == null}")).toBe(true)
    // a whole value that does not resolve keeps its text, as any unknown name does
    expect(await value("{o['toString']}", setup)).toBe("{o['toString']}")
  })

  it('keeps the text of an unknown name in text, and reads it as null in expressions', async () => {
    const result = await run('<p>Hello {missing}, {missing.deeper}!</p><q:return value="{missing == null}"/>')
    expect(result.output).toBe('<p>Hello {missing}, {missing.deeper}!</p>\n')
    expect(result.result).toBe(true)
  })

  it('keeps the type of a whole-value interpolation and renders mixed text per the design', async () => {
    const result = await run(
      `<q:set name="n" value="{2.5}"/><q:set name="list" value="{[1, 'a', true, null]}"/><q:set name="flag" value="{false}"/>
       <q:set name="text" value="n={n} list={list} flag={flag} nothing={None}"/><q:return value="{[n, text]}"/>`,
    )
    expect(result.result).toEqual([2.5, 'n=2.5 list=[1,"a",true,null] flag=false nothing='])
  })

  it('reports run-time type errors with the position of the expression', async () => {
    const error = await runError('\n  <q:set name="x" value="{1 / 0}"/>')
    expect(error.code).toBe('RUNTIME_TYPE_ERROR')
    expect(error.message).toBe('division by zero')
    expect(error.location).toBe('test.q:2:27')
    const compare = await runError('<q:return value="{[1] > 2}"/>')
    expect(compare.message).toBe('cannot compare an array with number 2')
  })

  it('calls an unknown function with a clear error', async () => {
    const error = await runError('<q:return value="{nope(1)}"/>')
    expect(error.code).toBe('RUNTIME_NOT_FOUND')
    expect(error.message).toBe("Function 'nope' is not defined")
  })
})
