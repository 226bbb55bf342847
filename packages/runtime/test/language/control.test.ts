import { describe, expect, it } from 'vitest'
import { run, runError } from '../helpers'

const result = async (body: string, params?: Record<string, unknown>) =>
  (await run(body, params ? { params } : {})).result

describe('q:if / q:elseif / q:else', () => {
  const grade = (score: number) =>
    result(
      `<q:set name="s" value="{${score}}"/>
       <q:if condition="{s} >= 90"><q:set name="g" value="A"/></q:if>
       <q:elseif condition="s >= 80"><q:set name="g" value="B"/></q:elseif>
       <q:else><q:set name="g" value="C"/></q:else>
       <q:return value="{g}"/>`,
    )

  it('takes the first true branch, with siblings after </q:if>', async () => {
    expect([await grade(95), await grade(85), await grade(10)]).toEqual(['A', 'B', 'C'])
  })

  it('reads conditions loosely: "false" is false, numeric strings compare as numbers', async () => {
    expect(
      await result(`<q:set name="flag" value="false"/><q:set name="n" value="0"/>
        <q:set name="out" value="{[]}"/>
        <q:if condition="false"><q:set name="out" operation="append" value="a"/></q:if>
        <q:if condition="{flag}"><q:set name="out" operation="append" value="b"/></q:if>
        <q:if condition="{n} == 0"><q:set name="out" operation="append" value="c"/></q:if>
        <q:if condition="{unknown}"><q:set name="out" operation="append" value="d"/></q:if>
        <q:if condition="{ n == 0 }"><q:set name="out" operation="append" value="e"/></q:if>
        <q:return value="{out}"/>`),
    ).toEqual(['c', 'e'])
  })
})

describe('q:loop', () => {
  it('range: inclusive, step, counting down, zero iterations', async () => {
    expect(
      await result(
        `<q:set name="a" value="{[]}"/>
        <q:loop type="range" var="i" from="1" to="{limit}" step="2"><q:set name="a" operation="append" value="{i}"/></q:loop>
        <q:loop var="j" from="3" to="1" step="-1"><q:set name="a" operation="append" value="{j * 10}"/></q:loop>
        <q:loop var="k" from="5" to="1"><q:set name="a" operation="append" value="never"/></q:loop>
        <q:return value="{a}"/>`,
        { limit: '7' },
      ),
    ).toEqual([1, 3, 5, 7, 30, 20, 10])
  })

  it('array with index, list with delimiter, object keys', async () => {
    expect(
      await result(`<q:set name="out" value="{[]}"/>
        <q:loop type="array" var="x" index="n" items="{['a', 'b']}"><q:set name="out" operation="append" value="{n}:{x}"/></q:loop>
        <q:loop type="list" var="w" items="red; green ;blue" delimiter=";"><q:set name="out" operation="append" value="{w}"/></q:loop>
        <q:set name="cfg" value='{"k1": 1, "k2": 2}' type="object"/>
        <q:loop type="object" var="key" items="{cfg}"><q:set name="out" operation="append" value="{key}={cfg[key]}"/></q:loop>
        <q:loop type="array" var="y" items="[7, 8]"><q:set name="out" operation="append" value="{y}"/></q:loop>
        <q:return value="{out}"/>`),
    ).toEqual(['0:a', '1:b', 'red', 'green', 'blue', 'k1=1', 'k2=2', 7, 8])
  })

  it('break and continue, in nested loops', async () => {
    expect(
      await result(`<q:set name="out" value="{[]}"/>
        <q:loop var="i" from="1" to="4">
          <q:if condition="i == 2"><q:continue/></q:if>
          <q:loop var="j" from="1" to="3">
            <q:if condition="j == 2"><q:break/></q:if>
            <q:set name="out" operation="append" value="{i}{j}"/>
          </q:loop>
          <q:if condition="i == 3"><q:break/></q:if>
        </q:loop>
        <q:return value="{out}"/>`),
    ).toEqual(['11', '31'])
  })

  it('a q:return inside a loop inside a function returns from the function', async () => {
    expect(
      await result(`<q:function name="firstEven"><q:param name="list"/>
          <q:loop type="array" var="n" items="{list}"><q:if condition="n % 2 == 0"><q:return value="{n}"/></q:if></q:loop>
          <q:return value="{None}"/></q:function>
        <q:return value="{[firstEven([1, 3, 4, 6]), firstEven([1])]}"/>`),
    ).toEqual([4, null])
  })

  it('fails clearly on items that do not exist and on bad bounds', async () => {
    const missing = await runError('<q:loop type="array" var="u" items="{users}"><q:log>x</q:log></q:loop>')
    expect(missing.code).toBe('RUNTIME_NOT_FOUND')
    expect(missing.message).toBe('loop items {users} is not defined')
    const bounds = await runError('<q:loop var="i" from="one" to="3"><q:log>x</q:log></q:loop>')
    expect(bounds.message).toBe('loop from must be a number, not one')
  })
})

describe('functions and q:invoke function=', () => {
  it('positional args, defaults, required, types, named args through q:invoke', async () => {
    expect(
      await result(`
        <q:function name="greet">
          <q:param name="name" required="true"/>
          <q:param name="greeting" default="Hello"/>
          <q:param name="times" type="integer" default="1"/>
          <q:set name="out" value="{greeting}, {name}"/>
          <q:return value="{out}"/>
        </q:function>
        <q:invoke name="viaInvoke" function="greet"><q:arg name="name" value="Ana"/><q:param name="greeting" value="Hi"/></q:invoke>
        <q:return value="{[greet('Bo'), viaInvoke, viaInvoke_result.success]}"/>`),
    ).toEqual(['Hello, Bo', 'Hi, Ana', true])
    const error = await runError(
      '<q:function name="f"><q:param name="x" required="true"/></q:function><q:return value="{f()}"/>',
    )
    expect(error.message).toBe("Missing required parameter 'x'")
  })

  it('recursion works and runaway recursion hits the depth limit', async () => {
    expect(
      await result(`<q:function name="fact"><q:param name="n" type="integer"/>
          <q:if condition="n lte 1"><q:return value="{1}"/></q:if>
          <q:return value="{n * fact(n - 1)}"/></q:function><q:return value="{fact(10)}"/>`),
    ).toBe(3628800)
    const error = await runError(
      '<q:function name="f"><q:return value="{f()}"/></q:function><q:return value="{f()}"/>',
    )
    expect(error.code).toBe('RUNTIME_LIMIT_EXCEEDED')
    expect(error.message).toBe('function calls nested deeper than 200')
  })
})

describe('q:throw / q:try / q:catch / q:finally', () => {
  it('catches by type, exposes error fields, always runs finally', async () => {
    expect(
      await result(
        `<q:set name="log" value="{[]}"/>
        <q:try>
          <q:throw message="order {id} not found" type="NotFound" detail="table orders"/>
          <q:catch type="Validation"><q:set name="log" operation="append" value="wrong"/></q:catch>
          <q:catch type="notfound" var="e"><q:set name="log" operation="append" value="{e.type}|{e.message}|{e.detail}|{e.line}"/></q:catch>
          <q:finally><q:set name="log" operation="append" value="finally"/></q:finally>
        </q:try>
        <q:return value="{log}"/>`,
        { id: 7 },
      ),
    ).toEqual(['NotFound|order 7 not found|table orders|3', 'finally'])
  })

  it('a catch without type catches run-time errors too; an unmatched error still runs finally and propagates', async () => {
    expect(
      await result(`<q:try><q:set name="x" value="{1 / 0}"/><q:catch><q:set name="got" value="{error.type}: {error.message}"/></q:catch></q:try>
        <q:return value="{got}"/>`),
    ).toBe('RUNTIME_TYPE_ERROR: division by zero')
    const error =
      await runError(`<q:try><q:throw message="boom" type="A"/><q:catch type="B"><q:log>no</q:log></q:catch>
        <q:finally><q:set name="cleaned" value="yes" scope="session"/></q:finally></q:try>`)
    expect(error.code).toBe('RUNTIME_THROW')
    expect(error.message).toBe('boom')
    expect(error.details).toMatchObject({ type: 'A' })
  })

  it('an uncaught q:throw is the component error, at the tag', async () => {
    const error = await runError('\n<q:throw message="stop here"/>')
    expect(error.location).toBe('test.q:2:1')
  })

  it('an uncaught q:throw keeps its type and detail in details, defaults included', async () => {
    const typed = await runError('<q:throw message="m" type="NotFound" detail="table {1 + 1}"/>')
    expect(typed.details).toEqual({ type: 'NotFound', detail: 'table 2' })
    expect((await runError('<q:throw message="m"/>')).details).toEqual({ type: 'Application', detail: '' })
  })
})
