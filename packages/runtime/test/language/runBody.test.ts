import { parse } from '@quantum/parser'
import { describe, expect, it } from 'vitest'
import { createRuntime, type PortableBody } from '../../src/index'

describe('runBody: a body that crossed a thread, the store or Redis', () => {
  it('runs statements from JSON with its snapshot, functions and extra variables', async () => {
    const document = parse(
      `<q:component name="C">
        <q:function name="double"><q:param name="n"/><q:return value="{n * 2}"/></q:function>
        <q:job name="work"><q:param name="id"/><q:log>job {id} for {owner}</q:log><q:return value="{double(id) + bonus}"/></q:job>
      </q:component>`,
      { file: 'jobs.q' },
    )
    const job = document.component.body[0]
    if (job?.type !== 'job') throw new Error('expected a job')
    const portable: PortableBody = JSON.parse(
      JSON.stringify({
        body: job.body,
        functions: document.component.functions,
        file: 'jobs.q',
        snapshot: { owner: 'ana', bonus: 1 },
      }),
    )
    const result = await createRuntime().runBody(portable, { vars: { id: 20 } })
    expect(result.result).toBe(41)
    expect(result.logs.map((entry) => entry.message)).toEqual(['job 20 for ana'])
  })

  it('binds databound defaults where the body runs: the snapshot, the given params and earlier params visible', async () => {
    const document = parse(
      `<q:component name="C">
        <q:job name="greet">
          <q:param name="id" type="integer" required="true"/>
          <q:param name="who" default="{owner + ' #' + id}"/>
          <q:param name="copies" type="integer" default="{id * 2}"/>
          <q:return value="{[who, copies]}"/>
        </q:job>
      </q:component>`,
      { file: 'jobs.q' },
    )
    const job = document.component.body[0]
    if (job?.type !== 'job') throw new Error('expected a job')
    const portable: PortableBody = {
      body: job.body,
      functions: [],
      file: 'jobs.q',
      snapshot: { owner: 'ana' },
    }
    const deferred = job.params.filter((param) => param.name !== 'id')
    const ran = await createRuntime().runBody(portable, { vars: { id: 3 }, defaults: deferred })
    expect(ran.result).toEqual(['ana #3', 6])
    const bad = parse(
      '<q:component name="C"><q:job name="j"><q:param name="copies" type="integer" default="{\'many\'}"/><q:return value="{copies}"/></q:job></q:component>',
    ).component.body[0]
    if (bad?.type !== 'job') throw new Error('expected a job')
    await expect(
      createRuntime().runBody({ body: bad.body, functions: [], snapshot: {} }, { defaults: bad.params }),
    ).rejects.toMatchObject({ code: 'RUNTIME_PARAM', message: "Parameter 'copies' must be integer" })
  })

  it('reports errors at the body’s own positions and honours its signal', async () => {
    const document = parse('<q:component name="C">\n  <q:throw message="bad {id}"/>\n</q:component>', {
      file: 'jobs.q',
    })
    const portable: PortableBody = {
      body: document.component.body,
      functions: [],
      file: 'jobs.q',
      snapshot: {},
    }
    await expect(createRuntime().runBody(portable, { vars: { id: 3 } })).rejects.toMatchObject({
      code: 'RUNTIME_THROW',
      message: 'bad 3',
      file: 'jobs.q',
      position: { start: { line: 2, column: 3 } },
    })
    const sleeper = parse('<q:component name="C"><q:sleep duration="10s"/></q:component>').component.body
    const controller = new AbortController()
    setTimeout(() => controller.abort('Job timed out after 50ms'), 50)
    await expect(
      createRuntime().runBody({ body: sleeper, functions: [], snapshot: {} }, { signal: controller.signal }),
    ).rejects.toMatchObject({ code: 'RUNTIME_ABORTED', message: 'Job timed out after 50ms' })
  })

  it('runs a schedule body over its component scope and hands that scope back', async () => {
    const document = parse(
      `<q:component name="C">
        <q:set name="counter" value="{counter + 1}" scope="component"/>
        <q:set name="seen" value="{counter}"/>
        <q:set name="local" value="x"/>
      </q:component>`,
      { file: 'tick.q' },
    )
    const body = (snapshot: Record<string, unknown>): PortableBody => ({
      body: document.component.body,
      functions: [],
      file: 'tick.q',
      snapshot,
    })
    const runtime = createRuntime()
    const first = await runtime.runBody(body({ counter: 0 }), { kind: 'schedule' })
    // Plain sets are the fire's own locals; only the component scope is state.
    expect(first.component).toEqual({ counter: 1 })
    expect(first.variables).toMatchObject({ seen: 1, local: 'x' })
    const second = await runtime.runBody(body(first.component ?? {}), { kind: 'schedule' })
    expect(second.component?.counter).toBe(2)
    const job = await runtime.runBody(body({ counter: 0 }), { kind: 'job', vars: {} })
    expect(job.component).toBeUndefined()
  })

  it('runs the one function of a functions-only schedule body on each fire (the proposal’s hourly-cleanup)', async () => {
    const document = parse(
      `<q:component name="C">
        <q:schedule name="hourly-cleanup" interval="1h">
          <q:function name="cleanup">
            <q:set name="cleaned" value="{cleaned + 1}" scope="component"/>
            <q:log level="info">Cleanup completed</q:log>
            <q:return value="{cleaned}"/>
          </q:function>
        </q:schedule>
      </q:component>`,
      { file: 'cleanup.q' },
    )
    const schedule = document.component.body[0]
    if (schedule?.type !== 'schedule') throw new Error('expected a schedule')
    const ran = await createRuntime().runBody(
      { body: schedule.body, functions: [], file: 'cleanup.q', snapshot: { cleaned: 4 } },
      { kind: 'schedule' },
    )
    expect(ran.logs.map((entry) => entry.message)).toEqual(['Cleanup completed'])
    expect(ran.result).toBe(5)
    expect(ran.component).toEqual({ cleaned: 5 })
  })
})
