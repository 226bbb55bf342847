import { describe, expect, it } from 'vitest'
import { hostile, hostileError } from '../support/hostile'
import { RecordingThreads } from '../support/jobServices'

/** `name` nested `[name]` 5,000 times. */
const deep = (name: string) =>
  `<q:set name="${name}" value="{[]}"/><q:loop type="range" var="i" from="1" to="5000"><q:set name="${name}" value="{[${name}]}"/></q:loop>`

/** Two distinct objects that each hold themselves. */
const CYCLES =
  '<q:set name="a.b" value="1"/><q:set name="a.self" value="{a}"/><q:set name="c.b" value="1"/><q:set name="c.self" value="{c}"/>'

const TOO_DEEP = /^cannot (compare|serialise|copy|clone) a value nested deeper than 1000 levels$/

describe('hostile: comparing or serialising self-referencing or 5,000-deep values is a coded error', () => {
  it('comparing them fails at the depth limit, at the statement, never with a stack overflow', async () => {
    for (const [setup, use] of [
      [CYCLES, '<q:set name="t" value="{a == c}"/>'],
      [CYCLES, '<q:set name="t" value="{[a] != [c]}"/>'],
      [CYCLES, '<q:set name="t" value="{a in [c]}"/>'],
      [CYCLES, '<q:set name="t" value="{[c].indexOf(a)}"/>'],
      [`${deep('a')}${deep('b')}`, '<q:set name="t" value="{a == b}"/>'],
      [`${deep('a')}${deep('b')}`, '<q:set name="l" value="{[a, b]}"/><q:set name="l" operation="unique"/>'],
      [
        `${deep('a')}${deep('b')}`,
        '<q:set name="l" value="{[a]}"/><q:set name="l" operation="remove" value="{b}"/>',
      ],
    ] as const) {
      const error = await hostileError(`${setup}\n${use}`)
      expect([use, error.code]).toEqual([use, 'RUNTIME_LIMIT_EXCEEDED'])
      expect(error.location).toMatch(/^test\.q:2:\d+$/)
      expect(error.message).toMatch(TOO_DEEP)
    }
  })

  it('a value compared with itself is equal without walking it', async () => {
    const { result } = await hostile(
      `${CYCLES}${deep('d')}<q:return value="{[a == a, d == d, [a, a] == [a, a]]}"/>`,
    )
    expect(result?.result).toEqual([true, true, true])
  })

  it('serialising a deep value fails at the depth limit; a cycle shows as [Circular]', async () => {
    for (const use of [
      '<q:set name="t" value="{str(a)}"/>',
      '<q:set name="t" value="{toJson(a, 2)}"/>',
      '<p>{a}</p>',
      '<q:set name="t" value="{a}" type="string"/>',
      '<q:dump var="{a}"/>',
      '<q:set name="t" operation="clone" source="a"/>',
    ]) {
      const error = await hostileError(`${deep('a')}\n${use}`)
      expect([use, error.code]).toEqual([use, 'RUNTIME_LIMIT_EXCEEDED'])
      expect(error.location).toMatch(/^test\.q:2:\d+$/)
      expect(error.message).toMatch(TOO_DEEP)
    }
    const { result } = await hostile(`${CYCLES}<q:return value="{str(a)}"/>`)
    expect(result?.result).toBe('{"b":"1","self":"[Circular]"}')
  })

  it('copying a deep value for a thread fails at the q:thread', async () => {
    const error = await hostileError(`${deep('a')}\n<q:thread name="t"><q:return value="{1}"/></q:thread>`, {
      services: { threads: new RecordingThreads() },
    })
    expect(error.message).toBe('cannot copy a value nested deeper than 1000 levels')
    expect(error.location).toBe('test.q:2:1')
  })

  it('a run that succeeded reports its deep and cyclic variables instead of failing (CLI_INTERNAL before)', async () => {
    const { result } = await hostile(`${deep('d')}${CYCLES}`)
    expect(result?.variables).toEqual({
      d: '[not shown: cannot serialise a value nested deeper than 1000 levels]',
      i: 5000,
      a: { b: '1', self: '[Circular]' },
      c: { b: '1', self: '[Circular]' },
    })
  })

  it('returning a deep value is a coded error', async () => {
    const error = await hostileError(`${deep('a')}<q:return value="{a}"/>`)
    expect(error.code).toBe('RUNTIME_LIMIT_EXCEEDED')
    expect(error.message).toBe('cannot serialise a value nested deeper than 1000 levels')
  })
})
