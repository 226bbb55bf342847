import type { QuantumError } from '@quantum/ast'
import { parse } from '@quantum/parser'
import { describe, expect, it } from 'vitest'
import { createRuntime } from '../../src/index'
import { run, runError } from '../helpers'

const result = async (body: string) => (await run(body)).result

describe('q:set', () => {
  it('converts types after databinding', async () => {
    expect(
      await result(`
        <q:set name="a" value="42" type="integer"/><q:set name="b" value="2.5" type="decimal"/>
        <q:set name="c" value="yes" type="boolean"/><q:set name="d" value="[1,2]" type="array"/>
        <q:set name="e" value='{"k": 1}' type="object"/><q:set name="f" value="{12}" type="string"/>
        <q:return value="{[a, b, c, d, e, f]}"/>`),
    ).toEqual([42, 2.5, true, [1, 2], { k: 1 }, '12'])
    const error = await runError('<q:set name="n" value="abc" type="integer"/>')
    expect(error.code).toBe('RUNTIME_TYPE_ERROR')
    expect(error.message).toBe("Set 'n': Cannot convert 'abc' to integer")
  })

  it('increments numeric strings and rejects non-numeric values', async () => {
    expect(
      await result(`<q:set name="n" value="0"/><q:set name="n" operation="increment"/><q:set name="n" operation="increment" step="5"/>
        <q:set name="m" operation="decrement"/><q:set name="k" operation="increment" value="10"/><q:return value="{[n, m, k]}"/>`),
    ).toEqual([6, -1, 11])
    const error = await runError('<q:set name="s" value="abc"/><q:set name="s" operation="increment"/>')
    expect(error.message).toBe('Cannot increment non-numeric value: abc')
  })

  it('add and multiply', async () => {
    expect(
      await result(
        '<q:set name="t" operation="add" value="5"/><q:set name="t" operation="multiply" value="3"/><q:return value="{t}"/>',
      ),
    ).toBe(15)
  })

  it('array operations', async () => {
    expect(
      await result(`
        <q:set name="a" operation="append" value="{3}"/><q:set name="a" operation="append" value="{1}"/>
        <q:set name="a" operation="prepend" value="{2}"/><q:set name="a" operation="append" value="{3}"/>
        <q:set name="sorted" value="{a}"/><q:set name="sorted" operation="sort"/>
        <q:set name="u" value="{a}"/><q:set name="u" operation="unique"/>
        <q:set name="r" value="{a}"/><q:set name="r" operation="remove" value="{3}"/>
        <q:set name="x" value="{a}"/><q:set name="x" operation="removeAt" index="0"/><q:set name="x" operation="reverse"/>
        <q:set name="c" value="{a}"/><q:set name="c" operation="clear"/>
        <q:return value="{[a, sorted, u, r, x, c]}"/>`),
    ).toEqual([[2, 3, 1, 3], [1, 2, 3, 3], [2, 3, 1], [2, 1, 3], [3, 1, 3], []])
  })

  it('object operations', async () => {
    expect(
      await result(`
        <q:set name="o" value='{"a": 1}' type="object"/>
        <q:set name="o" operation="merge" value='{"b": 2}'/>
        <q:set name="o" operation="setProperty" key="c" value="{3}"/>
        <q:set name="o" operation="deleteProperty" key="a"/>
        <q:set name="copy" operation="clone" source="o"/>
        <q:set name="copy.d" value="{4}"/>
        <q:return value="{[o, copy]}"/>`),
    ).toEqual([
      { b: 2, c: 3 },
      { b: 2, c: 3, d: 4 },
    ])
  })

  it('string operations', async () => {
    expect(
      await result(`<q:set name="s" value="  Hi "/><q:set name="s" operation="trim"/><q:set name="u" value="{s}"/>
        <q:set name="u" operation="uppercase"/><q:set name="l" operation="lowercase" value="ABC"/><q:return value="{[s, u, l]}"/>`),
    ).toEqual(['Hi', 'HI', 'abc'])
  })

  it('validates: required, nullable, pattern, range, enum, lengths', async () => {
    const cases: [string, string][] = [
      ['<q:set name="e" value="" required="true"/>', "Variable 'e' is required"],
      ['<q:set name="e" value="{None}" nullable="false"/>', "Variable 'e' cannot be null"],
      [
        '<q:set name="e" value="nope" pattern="^[^@]+@[^@]+$"/>',
        "Variable 'e' does not match pattern ^[^@]+@[^@]+$",
      ],
      ['<q:set name="e" value="{11}" range="1..10"/>', "Variable 'e' must be at most 10"],
      ['<q:set name="e" value="{0}" min="1"/>', "Variable 'e' must be at least 1"],
      ['<q:set name="e" value="c" enum="a,b"/>', "Variable 'e' must be one of: a, b"],
      ['<q:set name="e" value="abcdef" maxlength="3"/>', "Variable 'e' must be at most 3 long"],
      ['<q:set name="e" value="a" minlength="2"/>', "Variable 'e' must be at least 2 long"],
    ]
    for (const [source, message] of cases) {
      const error = await runError(source)
      expect(error.code, source).toBe('RUNTIME_PARAM')
      expect(error.message, source).toBe(message)
    }
    expect(
      await result(
        '<q:set name="ok" value="a@b.c" pattern="^[^@]+@[^@]+$" maxlength="10"/><q:return value="{ok}"/>',
      ),
    ).toBe('a@b.c')
  })

  it('uses default when there is no value, and refuses prototype names', async () => {
    expect(await result('<q:set name="d" default="fallback"/><q:return value="{d}"/>')).toBe('fallback')
    // The parser rejects these names (PARSE_INVALID_NAME); the runtime guards documents built without it.
    const renamed = async (source: string, rename: (node: Record<string, unknown>) => void) => {
      const document = parse(source, { file: 'test.q' })
      rename(document.component.body.at(-1) as unknown as Record<string, unknown>)
      return createRuntime()
        .run(document)
        .then(
          () => {
            throw new Error('expected the run to fail')
          },
          (error: QuantumError) => error,
        )
    }
    const error = await renamed('<q:component name="T"><q:set name="x" value="x"/></q:component>', (node) => {
      node.name = '__proto__.polluted'
    })
    expect([error.code, error.location, error.message]).toEqual([
      'RUNTIME_INVALID_NAME',
      'test.q:1:23',
      'variable name "__proto__.polluted" is not allowed',
    ])
    const looped = await renamed(
      '<q:component name="T"><q:set name="n" value="1"/>\n<q:loop type="list" items="a" var="a"/></q:component>',
      (node) => {
        node.var = 'a.constructor'
      },
    )
    expect([looped.code, looped.location]).toEqual(['RUNTIME_INVALID_NAME', 'test.q:2:1'])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})
