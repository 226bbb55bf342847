import { ScheduleError, type ScheduleNode, ValidationError } from '@quantum/ast'
import { check, parse } from '@quantum/parser'
import { describe, expect, it } from 'vitest'
import { createRuntime } from '../../src/index'
import { run, runError } from '../helpers'
import { RecordingJobs, RecordingSchedules, RecordingThreads } from '../support/jobServices'

describe('job tags delegate to the services the host provides', () => {
  it('each tag without its service fails with RUNTIME_SERVICE_MISSING naming it', async () => {
    const cases = [
      ['<q:schedule name="s" interval="1h"><q:log>x</q:log></q:schedule>', 'ScheduleService'],
      ['<q:thread name="t"><q:log>x</q:log></q:thread>', 'ThreadService'],
      ['<q:job name="j"><q:log>x</q:log></q:job>', 'JobService'],
      ['<q:query name="q" datasource="db">SELECT 1</q:query>', 'datasource service'],
      ['<q:mail to="a@b.c" subject="s">x</q:mail>', 'mail service'],
      ['<q:invoke url="http://127.0.0.1:9/"/>', 'HTTP client'],
    ] as const
    for (const [source, service] of cases) {
      const error = await runError(source)
      expect(error.code, source).toBe('RUNTIME_SERVICE_MISSING')
      expect(error.message, source).toContain(service)
      expect(error.location, source).toBe('test.q:1:26')
    }
  })

  it('define registers params, body, defaults and a snapshot; dispatch sends databound params with overrides', async () => {
    const jobs = new RecordingJobs()
    const ok = await run(
      `<q:set name="newOrderId" value="{42}"/>
       <q:job name="processOrder" queue="orders" attempts="5" backoff="fixed:10s" timeout="1m">
         <q:param name="orderId" type="integer" required="true"/>
         <q:log>processing {orderId}</q:log>
       </q:job>
       <q:job name="processOrder" action="dispatch" delay="5m" priority="7">
         <q:param name="orderId" value="{newOrderId}"/>
       </q:job>
       <q:return value="{[dispatched_job_processOrder.job_id, job_processOrder.queue, processOrder_job.action]}"/>`,
      { services: { jobs } },
    )
    expect(ok.result).toEqual([1, 'orders', 'dispatch'])
    const [definition] = jobs.definitions.slice(-1)
    expect(definition).toMatchObject({
      name: 'processOrder',
      queue: 'orders',
      attempts: 5,
      backoff: { kind: 'fixed', delay: 10_000 },
      timeoutMs: 60_000,
      priority: 0,
      snapshot: { newOrderId: 42 },
    })
    expect(definition?.params.map((p) => p.name)).toEqual(['orderId'])
    expect(definition?.body.map((s) => s.type)).toEqual(['log'])
    expect(JSON.parse(JSON.stringify(definition))).toEqual(definition)
    expect(jobs.dispatched.slice(-1)[0]).toEqual({
      name: 'processOrder',
      params: { orderId: 42 },
      delayMs: 300_000,
      priority: 7,
    })
  })

  it('batch dispatches one job per loop iteration, with shared params merged in', async () => {
    const jobs = new RecordingJobs()
    const result = await run(
      `<q:job name="notify" action="batch" queue="mail">
         <q:param name="template" value="welcome"/>
         <q:loop type="array" var="id" items="{[3, 5, 8]}">
           <q:if condition="id != 5"><q:param name="userId" value="{id}"/></q:if>
         </q:loop>
       </q:job>
       <q:return value="{batch_job_notify}"/>`,
      { services: { jobs } },
    )
    expect(jobs.dispatched.map((request) => request.params)).toEqual([
      { template: 'welcome', userId: 3 },
      { template: 'welcome', userId: 8 },
    ])
    expect(jobs.dispatched.every((request) => request.queue === 'mail')).toBe(true)
    expect(result.result).toEqual({
      job_ids: [1, 2],
      name: 'notify',
      queue: 'mail',
      action: 'batch',
      count: 2,
      success: true,
    })
  })

  it('q:schedule run databinds its trigger and publishes schedule_<name>; other actions return success', async () => {
    const schedules = new RecordingSchedules()
    const result = await run(
      `<q:set name="every" value="10m"/>
       <q:schedule name="cleanup" interval="{every}" timezone="America/Sao_Paulo" retry="2" overlap="true" enabled="false">
         <q:log>clean</q:log>
       </q:schedule>
       <q:schedule name="cleanup" action="pause"/>
       <q:schedule name="other" action="resume"/>
       <q:schedule name="cleanup" action="delete"/>
       <q:return value="{[schedule_cleanup.trigger_info, cleanup_schedule.enabled, _schedule_pause.success, _schedule_resume.success, _schedule_delete.success]}"/>`,
      { services: { schedules } },
    )
    expect(result.result).toEqual(['every 10m', false, true, false, true])
    expect(schedules.definitions[0]).toMatchObject({
      name: 'cleanup',
      trigger: { kind: 'interval', everyMs: 600_000 },
      timezone: 'America/Sao_Paulo',
      retry: 2,
      overlap: true,
      enabled: false,
      misfire: 'grace',
    })
    expect(schedules.calls).toEqual(['register cleanup', 'pause cleanup', 'resume other', 'delete cleanup'])
  })

  it('q:thread run/join publish thread.<name> and callbacks run in the starting run', async () => {
    const result = await run(
      `<q:set name="seed" value="{7}"/>
       <q:set name="processingStatus" value="pending" scope="component"/>
       <q:function name="handleComplete"><q:param name="result"/><q:set name="processingStatus" value="done {result}" scope="component"/></q:function>
       <q:thread name="data-processor" priority="high" on-complete="handleComplete"><q:sleep duration="30ms"/><q:return value="{seed}"/></q:thread>
       <q:set name="startedAs" value="{thread.data-processor.status}"/>
       <q:thread name="data-processor" action="join" timeout="30s"/>
       <q:return value="{[startedAs, thread.data-processor.status, thread.data-processor.result, processingStatus]}"/>`,
      { services: { threads: new RecordingThreads() } },
    )
    expect(result.result).toEqual(['RUNNING', 'COMPLETED', 7, 'done 7'])
    expect(result.threads['data-processor']).toMatchObject({
      status: 'COMPLETED',
      priority: 'high',
      result: 7,
    })
  })

  it('join waits for a thread body however long it runs; terminate stops one', async () => {
    const threads = new RecordingThreads()
    const result = await run(
      `<q:thread name="slow"><q:sleep duration="150ms"/><q:return value="{[1, 2]}"/></q:thread>
       <q:thread name="stuck"><q:sleep duration="1h"/></q:thread>
       <q:thread name="slow" action="join"/>
       <q:thread name="stuck" action="terminate"/>
       <q:return value="{[thread_slow.status, slow_thread.result, thread.stuck.status, _thread_terminate.success]}"/>`,
      { services: { threads } },
    )
    expect(result.result).toEqual(['COMPLETED', [1, 2], 'TERMINATED', true])
    expect(result.threads.slow?.elapsedTime).toBeGreaterThanOrEqual(150)
    expect(threads.requests.map((request) => request.name)).toEqual(['slow', 'stuck'])
  })

  it('join takes a comma-separated list; past its timeout THREAD_JOIN_TIMEOUT names those still running, which go on', async () => {
    const threads = new RecordingThreads()
    const error = await runError(
      `<q:thread name="quick"><q:return value="{1}"/></q:thread>
       <q:thread name="slow-a"><q:sleep duration="300ms"/></q:thread>
       <q:thread name="slow-b"><q:sleep duration="300ms"/><q:return value="{2}"/></q:thread>
<q:thread name="quick, slow-a,slow-b" action="join" timeout="50ms"/>`,
      { services: { threads } },
    )
    expect(error).toMatchObject({
      code: 'THREAD_JOIN_TIMEOUT',
      message: "Join timed out after 50ms; still running: 'slow-a', 'slow-b'",
      location: 'test.q:4:1',
      details: { running: ['slow-a', 'slow-b'] },
    })
    expect(threads.get('quick')?.status).toBe('COMPLETED')
    expect((await threads.join('slow-b')).result).toBe(2)

    const joined = await run(
      `<q:thread name="a"><q:sleep duration="30ms"/><q:return value="{'A'}"/></q:thread>
       <q:thread name="b"><q:return value="{'B'}"/></q:thread>
       <q:thread name="a,b" action="join" timeout="5s"/>
       <q:return value="{[thread.a.result, b_thread.result]}"/>`,
      { services: { threads: new RecordingThreads() } },
    )
    expect(joined.result).toEqual(['A', 'B'])
  })

  it('a body’s writes to thread.x are read as thread.<name>.x; its other writes stay in the thread', async () => {
    const result = await run(
      `<q:set name="total" value="{1}"/>
       <q:thread name="data-processor">
         <q:set name="thread.rows" value="{[1, 2, 3]}"/>
         <q:set name="thread.status" value="mine"/>
         <q:set name="total" value="{total + thread.rows.length}"/>
         <q:return value="{total}"/>
       </q:thread>
       <q:thread name="data-processor" action="join"/>
       <q:return value="{[thread.data-processor.rows.length, thread.data-processor.status, thread.data-processor.result, total]}"/>`,
      { services: { threads: new RecordingThreads() } },
    )
    expect(result.result).toEqual([3, 'COMPLETED', 4, 1])
  })

  it('a thread stopped by its timeout calls on-error with the timeout message; terminate calls nothing', async () => {
    const result = await run(
      `<q:set name="seen" value="{[]}" scope="component"/>
       <q:function name="failed"><q:param name="error"/><q:set name="seen" operation="append" value="{error}" scope="component"/></q:function>
       <q:thread name="late" timeout="40ms" on-error="failed" on-complete="failed"><q:sleep duration="10s"/></q:thread>
       <q:thread name="stopped" on-error="failed" on-complete="failed"><q:sleep duration="10s"/></q:thread>
       <q:thread name="late" action="join"/>
       <q:thread name="stopped" action="terminate"/>
       <q:return value="{[thread.late.status, thread.stopped.status, seen]}"/>`,
      { services: { threads: new RecordingThreads() } },
    )
    expect(result.result).toEqual(['TERMINATED', 'TERMINATED', ["Thread 'late' timed out after 40ms"]])
  })

  it('the run’s threads in its result are live: one that ends after the run shows its final state', async () => {
    const threads = new RecordingThreads()
    const result = await run(
      `<q:thread name="after"><q:sleep duration="50ms"/><q:return value="{9}"/></q:thread>`,
      {
        services: { threads },
      },
    )
    expect(result.threads.after?.status).toBe('RUNNING')
    await threads.join('after')
    expect(result.threads.after).toMatchObject({ status: 'COMPLETED', result: 9 })
  })

  it('nested batches collect their own iterations; loops in called functions are not iterations of a batch', async () => {
    const jobs = new RecordingJobs()
    await run(
      `<q:function name="spin"><q:loop type="range" from="1" to="3" var="k"></q:loop><q:return value="{1}"/></q:function>
       <q:job name="outer" action="batch">
         <q:loop type="array" var="g" items="{['a', 'b']}">
           <q:param name="group" value="{g}"/>
           <q:set name="spun" value="{spin()}"/>
           <q:job name="inner" action="batch">
             <q:loop type="range" from="1" to="2" var="i"><q:param name="item" value="{g}{i}"/></q:loop>
           </q:job>
           <q:param name="size" value="{batch_job_inner.count}"/>
         </q:loop>
       </q:job>`,
      { services: { jobs } },
    )
    expect(jobs.batches.map((batch) => batch.map((request) => [request.name, request.params]))).toEqual([
      [
        ['inner', { item: 'a1' }],
        ['inner', { item: 'a2' }],
      ],
      [
        ['inner', { item: 'b1' }],
        ['inner', { item: 'b2' }],
      ],
      [
        ['outer', { group: 'a', size: 2 }],
        ['outer', { group: 'b', size: 2 }],
      ],
    ])
  })
})

describe('a databound time value is checked once bound, as the parser checks the literal', () => {
  /** What `check` reports for the same tag with the value written in: code and message. */
  const checked = (tag: string, value: string) => {
    const [problem, ...more] = check(
      `<q:component name="Test">${tag.replace('{v}', value)}</q:component>`,
    ).diagnostics
    expect(more).toEqual([])
    return { code: problem?.code, message: problem?.message }
  }

  const SCHEDULE = (attributes: string) => `<q:schedule name="s" ${attributes}><q:log>x</q:log></q:schedule>`
  it.each([
    [SCHEDULE('cron="{v}"'), '0 25 * * *', 'PARSE_INVALID_CRON'],
    [SCHEDULE('cron="{v}"'), '0 0 8 * * * 2030', 'PARSE_INVALID_CRON'],
    [SCHEDULE('cron="0 8 * * *" timezone="{v}"'), 'Mars/Olympus', 'PARSE_INVALID_TIMEZONE'],
    [SCHEDULE('at="{v}"'), '2025-02-30T08:00', 'PARSE_INVALID_DATETIME'],
    [SCHEDULE('interval="{v}"'), '0', 'PARSE_INVALID_DURATION'],
    [SCHEDULE('interval="{v}"'), '5x', 'PARSE_INVALID_DURATION'],
    [SCHEDULE('interval="1h" timeout="{v}"'), 'soon', 'PARSE_INVALID_DURATION'],
    ['<q:thread name="t" timeout="{v}"><q:log>x</q:log></q:thread>', '-5', 'PARSE_INVALID_DURATION'],
    ['<q:thread name="t" action="join" timeout="{v}"/>', '1.5', 'PARSE_INVALID_DURATION'],
    ['<q:job name="j" delay="{v}"><q:log>x</q:log></q:job>', '0ms', 'PARSE_INVALID_DURATION'],
    ['<q:job name="j" timeout="{v}"><q:log>x</q:log></q:job>', 'abc', 'PARSE_INVALID_DURATION'],
    ['<q:job name="j" action="dispatch" delay="{v}"/>', '5x', 'PARSE_INVALID_DURATION'],
    ['<q:sleep duration="{v}"/>', '0', 'PARSE_INVALID_DURATION'],
  ])('%s with %j fails with %s at the tag, as check says for the literal', async (tag, value, code) => {
    const schedules = new RecordingSchedules()
    const threads = new RecordingThreads()
    const jobs = new RecordingJobs()
    const error = await runError(`<q:set name="v" value="${value}"/>\n${tag}`, {
      services: { schedules, threads, jobs },
    })
    expect(error).toBeInstanceOf(ValidationError)
    expect({ code: error.code, message: error.message }).toEqual(checked(tag, value))
    expect(error.code).toBe(code)
    expect(error.location).toBe('test.q:2:1')
    expect([schedules.definitions, threads.requests, jobs.definitions, jobs.dispatched]).toEqual([
      [],
      [],
      [],
      [],
    ])
  })

  it('a good bound value reaches the service as the parser would keep the literal', async () => {
    const schedules = new RecordingSchedules()
    await run(
      `<q:set name="expr" value=" 0 8 * * MON "/><q:set name="zone" value=" America/Sao_Paulo "/>
       <q:set name="when" value=" 2030-01-01T08:00:00-03:00 "/>
       ${SCHEDULE('cron="{expr}" timezone="{zone}"')}
       <q:schedule name="once" at="{when}" timezone="{zone}"><q:log>x</q:log></q:schedule>`,
      { services: { schedules } },
    )
    expect(schedules.definitions.map(({ trigger, timezone }) => ({ trigger, timezone }))).toEqual([
      { trigger: { kind: 'cron', expression: '0 8 * * MON' }, timezone: 'America/Sao_Paulo' },
      { trigger: { kind: 'at', at: '2030-01-01T08:00:00-03:00' }, timezone: 'America/Sao_Paulo' },
    ])
  })

  it('a schedule run with no trigger (a document built without the parser) fails with a ScheduleError', async () => {
    const document = parse(`<q:component name="Test">\n  ${SCHEDULE('interval="1h"')}</q:component>`, {
      file: 'test.q',
    })
    const node = document.component.body.find(
      (statement): statement is ScheduleNode => statement.type === 'schedule',
    )
    delete node?.interval
    const schedules = new RecordingSchedules()
    const error = await createRuntime({ schedules })
      .run(document)
      .then(
        () => undefined,
        (reason: unknown) => reason,
      )
    expect(error).toBeInstanceOf(ScheduleError)
    expect(error).toMatchObject({
      code: 'SCHEDULE_ERROR',
      message: "Schedule requires 'interval', 'cron', or 'at'",
      location: 'test.q:2:3',
    })
    expect(schedules.definitions).toEqual([])
  })
})
