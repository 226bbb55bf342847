import { describe, expect, it } from 'vitest'
import { hostile, hostileError } from '../support/hostile'

/** `s` doubled `times` times from "x": 2^times characters. */
const doubled = (times: number) =>
  `<q:set name="s" value="x"/><q:loop type="range" var="i" from="1" to="${times}"><q:set name="s" value="{s}{s}"/></q:loop>`

/** `a` nested `[a, a]` `times` times: 2^times leaves held in a few objects. */
const shared = (name: string, times: number) =>
  `<q:set name="${name}" value="{[1]}"/><q:loop type="range" var="i" from="1" to="${times}"><q:set name="${name}" value="{[${name}, ${name}]}"/></q:loop>`

describe('hostile: the value-size limit holds for every operation that builds a string or collection', () => {
  it('a template doubling a string stops at the limit, before split could build 268M items (the repro)', async () => {
    const error = await hostileError(`${doubled(28)}\n<q:set name="a" value="{s.split('')}"/>`)
    expect(error.code).toBe('RUNTIME_LIMIT_EXCEEDED')
    expect(error.message).toBe('a value of 16777216 items or characters exceeds the limit of 10000000')
    expect(error.location).toBe('test.q:1:122')
  })

  it('split counts the items it would make, for text that came from outside the run', async () => {
    const error = await hostileError(`<q:set name="a" value="{s.split('')}"/>`, {
      params: { s: 'x'.repeat(5_000) },
      runtime: { limits: { maxValueLength: 1_000 } },
    })
    expect(error.message).toBe('a value of 5000 items or characters exceeds the limit of 1000')
    expect(error.location).toBe('test.q:1:50')
    const { result } = await hostile(`<q:return value="{s.split(',').length}"/>`, {
      params: { s: 'a,'.repeat(400) },
      runtime: { limits: { maxValueLength: 1_000 } },
    })
    expect(result?.result).toBe(401)
  })

  it('replace and join check the length of what they would build', async () => {
    const limits = { maxValueLength: 100_000 }
    const replaced = await hostileError(`<q:set name="t" value="{s.replace('x', s)}"/>`, {
      params: { s: 'x'.repeat(1_000) },
      runtime: { limits },
    })
    expect(replaced.message).toBe('a value of 1000000 items or characters exceeds the limit of 100000')
    const joined = await hostileError(`<q:set name="t" value="{[s, s, s].join(s)}"/>`, {
      params: { s: 'x'.repeat(30_000) },
      runtime: { limits },
    })
    expect(joined.message).toBe('a value of 150000 items or characters exceeds the limit of 100000')
    const upper = await hostileError('<q:set name="t" value="{s.upper()}"/>', {
      params: { s: 'ß'.repeat(60_000) },
      runtime: { limits },
    })
    expect(upper.message).toBe('a value of 120000 items or characters exceeds the limit of 100000')
  })

  it('str, toJson, templates and string conversion of a value that shares its parts stop at the limit', async () => {
    const limits = { maxValueLength: 100_000 }
    const tooLong = /^cannot (serialise|convert) a value of more than 100000 items or characters$/
    for (const use of [
      '<q:set name="t" value="{str(a)}"/>',
      '<q:set name="t" value="{toJson(a, 2)}"/>',
      '<q:set name="t" value="[{a}]"/>',
      '<p>{a}</p>',
      '<q:set name="t" value="{a}" type="string"/>',
      '<q:set name="t" value="{[a].join()}"/>',
    ]) {
      const error = await hostileError(`${shared('a', 24)}\n${use}`, { runtime: { limits } })
      expect([use, error.code]).toEqual([use, 'RUNTIME_LIMIT_EXCEEDED'])
      expect(error.message).toMatch(tooLong)
      expect(error.location).toMatch(/^test\.q:2:/)
    }
  })

  it('with the default limits, str of nested arrays ends in a coded error, not a 100M-character string', async () => {
    const error = await hostileError(`${shared('a', 24)}\n<q:set name="t" value="{str(a)}"/>`)
    expect(error.code).toBe('RUNTIME_LIMIT_EXCEEDED')
  })

  it('comparing two such values is charged as steps, so the step or wall-time limit ends it', async () => {
    const error = await hostileError(
      `${shared('a', 30)}${shared('b', 30)}<q:set name="same" value="{a == b}"/>`,
    )
    expect(error.code).toBe('RUNTIME_LIMIT_EXCEEDED')
    // Which limit comes first depends on the machine's speed; either one ends the comparison in bounds.
    expect(error.message).toMatch(/^run exceeded (its wall time of 2000 ms|50000000 steps)$/)
  })

  it('a run that ends holding such a value succeeds; its variables say what they cannot show', async () => {
    const { result } = await hostile(shared('a', 30), { runtime: { limits: { maxValueLength: 1_000_000 } } })
    expect(result?.variables).toEqual({
      a: '[not shown: longer than the 1000000 characters of JSON left for variables]',
      i: 30,
    })
  })

  it('variables share one budget: past it, a variable is not shown rather than printed', async () => {
    const { result } = await hostile(
      '<q:set name="a" value="{s}"/><q:set name="b" value="{s}"/><q:set name="c" value="{len(s)}"/>',
      { params: { s: 'x'.repeat(600) }, runtime: { limits: { maxValueLength: 1_000 } } },
    )
    expect(Object.keys(result?.variables ?? {})).toEqual(['s', 'a', 'b', 'c'])
    expect(result?.variables.s).toBe('x'.repeat(600))
    expect(result?.variables.a).toBe('[not shown: longer than the 398 characters of JSON left for variables]')
    expect(result?.variables.c).toBe(600)
  })

  it('returning such a value is a coded error: the result must have a JSON form within the limit', async () => {
    const error = await hostileError(`${shared('a', 24)}<q:return value="{a}"/>`, {
      runtime: { limits: { maxValueLength: 1_000_000 } },
    })
    expect(error.code).toBe('RUNTIME_LIMIT_EXCEEDED')
    expect(error.message).toBe('the returned value is longer than 1000000 characters as JSON')
    // At the q:return (issue 19: it had no line and column).
    expect(error.location).toBe(`test.q:1:${26 + shared('a', 24).length}`)
  })

  it('collections count their items: merge and setProperty stop at the limit', async () => {
    const limits = { maxValueLength: 1_000 }
    const merged = await hostileError(
      '<q:set name="o" value="{a}"/><q:set name="o" operation="merge" value="{a}"/>',
      {
        params: { a: Object.fromEntries(Array.from({ length: 600 }, (_, i) => [`k${i}`, i])) },
        runtime: { limits },
      },
    )
    expect(merged.message).toBe('a value of 1200 items or characters exceeds the limit of 1000')
    const grown = await hostileError(
      '<q:loop type="range" var="i" from="1" to="2000"><q:set name="o" operation="setProperty" key="k{i}" value="{i}"/></q:loop>',
      { runtime: { limits } },
    )
    expect(grown.message).toBe('a value of 1001 items or characters exceeds the limit of 1000')
  })
})
