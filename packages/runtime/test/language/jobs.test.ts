import { ScheduleError, type ScheduleNode, ValidationError } from '@quantum/ast'
import { check, parse } from '@quantum/parser'
import { describe, expect, it } from 'vitest'
import type {
  DispatchRequest,
  JobDefinition,
  JobService,
  ScheduleDefinition,
  ScheduleService,
  ThreadInfo,
  ThreadRequest,
  ThreadService,
} from '../../src/index'
import { createRuntime } from '../../src/index'
import { run, runError } from '../helpers'

/**
 * The job tags only delegate: these record what reaches the service contracts. The real
 * scheduler, thread pool and queues live in their own packages and test their own behaviour.
 */
class RecordingJobs implements JobService {
  definitions: JobDefinition[] = []
  dispatched: DispatchRequest[] = []
  private next = 1
  async define(definition: JobDefinition) {
    this.definitions.push(definition)
  }
  async dispatch(request: DispatchRequest) {
    this.dispatched.push(request)
    return { id: this.next++, queue: request.queue ?? 'default' }
  }
  async dispatchBatch(requests: DispatchRequest[]) {
    return Promise.all(requests.map((request) => this.dispatch(request)))
  }
}

class RecordingSchedules implements ScheduleService {
  registered: ScheduleDefinition[] = []
  async register(definition: ScheduleDefinition) {
    this.registered.push(definition)
    return {
      name: definition.name,
      trigger_type: 'cron' as const,
      trigger_info: '',
      next_run: null,
      enabled: true,
    }
  }
  pause = async () => true
  resume = async () => true
  delete = async () => true
}

class RecordingThreads implements ThreadService {
  calls: string[] = []
  async run(request: ThreadRequest) {
    this.calls.push(`run ${request.name}`)
    return {
      name: request.name,
      status: 'RUNNING' as const,
      priority: request.priority,
      startTime: 't0',
      elapsedTime: 0,
    }
  }
  async join(name: string): Promise<ThreadInfo> {
    this.calls.push(`join ${name}`)
    return { name, status: 'COMPLETED', priority: 'normal', startTime: 't0', elapsedTime: 0 }
  }
  terminate = async () => false
  get = () => undefined
}

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
    const registered: ScheduleDefinition[] = []
    const calls: string[] = []
    const record = (call: string, success: boolean) => {
      calls.push(call)
      return success
    }
    const schedules: ScheduleService = {
      async register(definition) {
        registered.push(definition)
        return {
          name: definition.name,
          trigger_type: 'interval',
          trigger_info: 'every 10m',
          next_run: null,
          enabled: definition.enabled,
        }
      },
      pause: async (name) => record(`pause ${name}`, true),
      resume: async (name) => record(`resume ${name}`, false),
      delete: async (name) => record(`delete ${name}`, true),
    }
    const result = await run(
      `<q:set name="every" value="10m"/>
       <q:schedule name="cleanup" interval="{every}" timezone="America/Sao_Paulo" retry="2" overlap="true" enabled="false">
         <q:log>clean</q:log>
       </q:schedule>
       <q:schedule name="cleanup" action="pause"/>
       <q:schedule name="cleanup" action="resume"/>
       <q:schedule name="cleanup" action="delete"/>
       <q:return value="{[schedule_cleanup.trigger_info, cleanup_schedule.enabled]}"/>`,
      { services: { schedules } },
    )
    expect(result.result).toEqual(['every 10m', false])
    expect(registered[0]).toMatchObject({
      name: 'cleanup',
      trigger: { kind: 'interval', everyMs: 600_000 },
      timezone: 'America/Sao_Paulo',
      retry: 2,
      overlap: true,
      enabled: false,
      misfire: 'run-once',
    })
    expect(calls).toEqual(['pause cleanup', 'resume cleanup', 'delete cleanup'])
  })

  it('q:thread run/join publish thread.<name> and callbacks run in the starting run', async () => {
    const threads = new Map<string, ThreadInfo>()
    const service: ThreadService = {
      async run(request: ThreadRequest) {
        const info: ThreadInfo = {
          name: request.name,
          status: 'RUNNING',
          priority: request.priority,
          startTime: 't0',
          elapsedTime: 0,
        }
        threads.set(request.name, info)
        const done: ThreadInfo = {
          ...info,
          status: 'COMPLETED',
          result: request.snapshot.seed,
          elapsedTime: 5,
        }
        setTimeout(() => {
          threads.set(request.name, done)
          void request.settled?.(done)
        }, 5)
        return info
      },
      async join(name) {
        await new Promise((resolve) => setTimeout(resolve, 20))
        return threads.get(name) as ThreadInfo
      },
      terminate: async () => false,
      get: (name) => threads.get(name),
    }
    const result = await run(
      `<q:set name="seed" value="{7}"/>
       <q:set name="processingStatus" value="pending" scope="component"/>
       <q:function name="handleComplete"><q:param name="result"/><q:set name="processingStatus" value="done {result}" scope="component"/></q:function>
       <q:thread name="data-processor" priority="high" on-complete="handleComplete"><q:return value="{seed}"/></q:thread>
       <q:set name="startedAs" value="{thread.data-processor.status}"/>
       <q:thread name="data-processor" action="join" timeout="30s"/>
       <q:return value="{[startedAs, thread.data-processor.status, thread.data-processor.result, processingStatus]}"/>`,
      { services: { threads: service } },
    )
    expect(result.result).toEqual(['RUNNING', 'COMPLETED', 7, 'done 7'])
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
    expect([schedules.registered, threads.calls, jobs.definitions, jobs.dispatched]).toEqual([[], [], [], []])
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
    expect(schedules.registered.map(({ trigger, timezone }) => ({ trigger, timezone }))).toEqual([
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
    expect(schedules.registered).toEqual([])
  })
})
