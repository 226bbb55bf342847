import { describe, expect, it } from 'vitest'
import { run, runError } from '../helpers'
import { RecordingThreads } from '../support/jobServices'

/** Found in the review of issue #3; each one a defect a user would have hit. */
describe('regressions (#3 review)', () => {
  it('sibling expressions run in order and none starts after one failed (no orphaned work)', async () => {
    const body = `<q:set name="log" value="{[]}" scope="component"/>
      <q:function name="f"><q:param name="n"/>
        <q:set name="log" operation="append" value="start{n}"/><q:sleep duration="10ms"/>
        <q:set name="log" operation="append" value="end{n}"/><q:return value="{n}"/></q:function>`
    const ordered = await run(`${body}<q:set name="r" value="{[f(1), f(2)]}"/><q:return value="{[r, log]}"/>`)
    expect(ordered.result).toEqual([
      [1, 2],
      ['start1', 'end1', 'start2', 'end2'],
    ])
    const unhandled: unknown[] = []
    const onUnhandled = (reason: unknown) => unhandled.push(reason)
    process.on('unhandledRejection', onUnhandled)
    try {
      const error = await runError(`${body}<p>{f(1)} {1 // 0}</p>`)
      expect(error.code).toBe('RUNTIME_TYPE_ERROR')
      await new Promise((resolve) => setTimeout(resolve, 50))
      expect(unhandled).toEqual([])
    } finally {
      process.off('unhandledRejection', onUnhandled)
    }
  })

  it('an empty loop body still honours steps, wall time and cancellation', async () => {
    const steps = await runError('<q:loop var="i" from="1" to="1000000000000000"></q:loop>', {
      runtime: { limits: { maxSteps: 1000 } },
    })
    expect(steps.code).toBe('RUNTIME_LIMIT_EXCEEDED')
    const controller = new AbortController()
    setTimeout(() => controller.abort('stop'), 20)
    const aborted = await runError('<q:loop var="i" from="1" to="1000000000000000"></q:loop>', {
      signal: controller.signal,
    })
    expect(aborted.code).toBe('RUNTIME_ABORTED')
  })

  it('failed asynchronous calls give their call depth back', async () => {
    const result = await run(`<q:set name="failures" value="{0}"/>
      <q:function name="charge"><q:param name="n"/><q:sleep duration="1ms"/>
        <q:if condition="{n % 2 == 0}"><q:throw message="declined"/></q:if></q:function>
      <q:loop var="i" from="1" to="450">
        <q:try><q:set name="r" value="{charge(i)}"/><q:catch><q:set name="failures" operation="increment"/></q:catch></q:try>
      </q:loop><q:return value="{failures}"/>`)
    expect(result.result).toBe(225)
  })

  it('values have a size limit instead of exhausting memory', async () => {
    const error = await runError(
      '<q:set name="a" value="{[1,2,3,4,5,6,7,8]}"/><q:loop var="i" from="1" to="40"><q:set name="a" value="{a + a}"/></q:loop>',
      { runtime: { limits: { maxValueLength: 100_000 } } },
    )
    expect(error.code).toBe('RUNTIME_LIMIT_EXCEEDED')
    expect(error.message).toBe('a value of 131072 items or characters exceeds the limit of 100000')
  })

  it('a break in q:finally cannot swallow a limit or a cancellation', async () => {
    const error = await runError(
      `<q:loop var="i" from="1" to="100000000"><q:try><q:set name="a" value="1"/>
        <q:finally><q:continue/></q:finally></q:try></q:loop>`,
      { runtime: { limits: { maxSteps: 5000 } } },
    )
    expect(error.code).toBe('RUNTIME_LIMIT_EXCEEDED')
  })

  it('the wall-time limit also ends a run that is waiting', async () => {
    const started = Date.now()
    const error = await runError('<q:sleep duration="5s"/>', { runtime: { limits: { maxWallTimeMs: 100 } } })
    expect(error.code).toBe('RUNTIME_LIMIT_EXCEEDED')
    expect(error.message).toBe('run exceeded its wall time of 100 ms')
    expect(Date.now() - started).toBeLessThan(2000)
  })

  it('a sleep longer than 24.8 days waits instead of waking at once', async () => {
    const controller = new AbortController()
    setTimeout(() => controller.abort('enough'), 100)
    const error = await runError('<q:sleep duration="25d"/>', { signal: controller.signal })
    expect(error.code).toBe('RUNTIME_ABORTED')
  })

  it('q:dump output is escaped like any other output', async () => {
    const result = await run(
      '<q:set name="v" value="&lt;img src=x onerror=alert(1)&gt;"/><div><q:dump var="{v}" label="v"/></div>',
    )
    expect(result.output).toBe('<div>v: &lt;img src=x onerror=alert(1)&gt;\n</div>\n')
  })

  it('a dotted q:set inside a function writes into the object it reaches', async () => {
    const result = await run(`<q:set name="order.id" value="{7}"/>
      <q:function name="pay"><q:set name="order.status" value="paid"/><q:return value="{order}"/></q:function>
      <q:return value="{[pay(), order]}"/>`)
    expect(result.result).toEqual([
      { id: 7, status: 'paid' },
      { id: 7, status: 'paid' },
    ])
  })

  it('an element whose content failed does not shift the output that follows', async () => {
    const result = await run('<q:try><div><p>{1 // 0}</p></div><q:catch/></q:try><p>a</p><p>b</p>')
    expect(result.output).toBe('<div><p><p>a</p>\n<p>b</p>\n')
  })

  it('a cyclic value is reported as such, not as a crash', async () => {
    const result = await run('<q:set name="a.b" value="1"/><q:set name="a.self" value="{a}"/><p>{a}</p>')
    expect(result.variables).toEqual({ a: { b: '1', self: '[Circular]' } })
    expect(result.output).toBe(
      '<p>{&quot;b&quot;:&quot;1&quot;,&quot;self&quot;:&quot;[Circular]&quot;}</p>\n'.replaceAll(
        '&quot;',
        '"',
      ),
    )
  })

  it('nested loops over the same query keep the outer row', async () => {
    const users = Object.defineProperty([{ name: 'a' }, { name: 'b' }], 'recordCount', {
      value: 2,
      enumerable: false,
    })
    const result = await run(
      `<q:set name="names" value="{[]}"/>
      <q:loop query="users" index="i"><q:loop query="users" index="j"></q:loop>
        <q:set name="names" operation="append" value="{users.name}"/></q:loop>
      <q:return value="{names}"/>`,
      { params: { users } },
    )
    expect(result.result).toEqual(['a', 'b'])
  })

  it('variables set in a q:action are part of the result', async () => {
    const result = await run(
      '<q:component name="F"><q:action name="save"><q:set name="saved" value="{form.x}"/></q:action></q:component>',
      { action: 'save', params: { x: 'yes' } },
    )
    expect(result.variables).toMatchObject({ saved: 'yes' })
  })

  it('a thread body sees query results and the session as its starter did', async () => {
    const users = Object.defineProperty([{ email: 'a@x' }, { email: 'b@x' }], 'recordCount', {
      value: 2,
      enumerable: false,
    })
    const result = await run(
      `<q:set name="session.userId" value="u42"/>
      <q:thread name="t"><q:return value="{[session.userId, users.recordCount, users.email]}"/></q:thread>
      <q:thread name="t" action="join"/>
      <q:return value="{thread.t.result}"/>`,
      { params: { users }, services: { threads: new RecordingThreads() } },
    )
    expect(result.result).toEqual(['u42', 2, 'a@x'])
  })
})
