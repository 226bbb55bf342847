import { describe, expect, it } from 'vitest'
import { run } from '../helpers'

describe('scopes', () => {
  it('a q:if inside a function sees the function params and locals', async () => {
    const result = await run(`
      <q:function name="grade">
        <q:param name="score" type="integer"/>
        <q:set name="bonus" value="{5}"/>
        <q:if condition="{score + bonus >= 90}"><q:return value="A"/></q:if>
        <q:else><q:return value="B"/></q:else>
      </q:function>
      <q:return value="{[grade(86), grade(80)]}"/>`)
    expect(result.result).toEqual(['A', 'B'])
  })

  it('function locals do not leak; functions read component-level variables', async () => {
    const result = await run(`
      <q:set name="rate" value="{0.5}"/>
      <q:function name="apply"><q:param name="n"/><q:set name="inner" value="{n * rate}"/><q:return value="{inner}"/></q:function>
      <q:set name="out" value="{apply(10)}"/>
      <q:return value="{[out, isDefined('inner'), isDefined('n')]}"/>`)
    expect(result.result).toEqual([5, false, false])
  })

  it('loop and if bodies share the enclosing scope (the loop variable stays after the loop)', async () => {
    const result = await run(`
      <q:loop type="range" var="i" from="1" to="3"><q:set name="last" value="{i}"/></q:loop>
      <q:return value="{[i, last]}"/>`)
    expect(result.result).toEqual([3, 3])
  })

  it('scope= writes to the named scope; updates write where the variable lives', async () => {
    const result = await run(`
      <q:set name="count" value="{1}" scope="component"/>
      <q:function name="bump"><q:set name="count" operation="increment"/><q:set name="session.hits" value="{7}"/></q:function>
      <q:set name="ignored" value="{bump()}"/>
      <q:set name="flag" value="on" scope="application"/>
      <q:set name="req" value="r" scope="request"/>
      <q:return value="{[count, session.hits, application.flag, request.req, session.nothing]}"/>`)
    expect(result.result).toEqual([2, 7, 'on', 'r', null])
  })

  it('session variables come in and go back out through run options', async () => {
    const session: Record<string, unknown> = { userId: 9 }
    const result = await run(
      '<q:set name="session.seen" value="{session.userId + 1}"/><q:return value="{userId}"/>',
      { session },
    )
    expect(result.result).toBe(9)
    expect(session).toEqual({ userId: 9, seen: 10 })
  })

  it('component params are typed, defaulted and required', async () => {
    const source = `<q:component name="P">
      <q:param name="limit" type="integer" default="10"/>
      <q:param name="who" required="true"/>
      <q:return value="{[limit, who]}"/></q:component>`
    expect((await run(source, { params: { who: 'ana' } })).result).toEqual([10, 'ana'])
    expect((await run(source, { params: { who: 'bo', limit: '3' } })).result).toEqual([3, 'bo'])
    await expect(run(source)).rejects.toMatchObject({
      code: 'RUNTIME_PARAM',
      message: "Missing required parameter 'who'",
    })
    await expect(run(source, { params: { who: 'x', limit: 'many' } })).rejects.toMatchObject({
      code: 'RUNTIME_PARAM',
      message: "Parameter 'limit' must be integer",
    })
  })

  it('a q:function defined inside a body becomes callable after it ran', async () => {
    const result = await run(`
      <q:if condition="true"><q:function name="later"><q:return value="ok"/></q:function></q:if>
      <q:return value="{later()}"/>`)
    expect(result.result).toBe('ok')
  })
})
