import { MessageChannel } from 'node:worker_threads'
import { ErrorCodes, QueueError } from '@quantum/ast'
import { afterEach, describe, expect, it } from 'vitest'
import type { ThreadService } from '../../src/index'
import { type BodyHost, connectToHost, lentServices, serveBodies } from '../../src/services'
import { run, runError } from '../helpers'
import { RecordingJobs, RecordingSchedules, RecordingThreads } from '../support/jobServices'
import { sourceApp } from '../support/sourceFiles'

// Both ends of the host bridge over a real MessageChannel (structured clone, asynchronous delivery),
// as between a host and a worker thread; the host's services are the runtime's recording ones.

const closers: (() => void)[] = []
afterEach(() => {
  for (const close of closers.splice(0)) close()
})

/** A host lending `host`'s services, and the body side connected to it over a message channel. */
function bridge(host: BodyHost) {
  const { port1: hostPort, port2: bodyPort } = new MessageChannel()
  const served = serveBodies(host, (message) => hostPort.postMessage(message))
  const connection = connectToHost((message) => bodyPort.postMessage(message))
  const lent = lentServices(host)
  hostPort.on('message', (message) => served.receive(message))
  bodyPort.on('message', (message) => connection.receive(message))
  closers.push(() => {
    hostPort.close()
    bodyPort.close()
  })
  return { servicesFor: (scope: string) => connection.servicesFor(scope, lent) }
}

describe('the host bridge: bodies in a worker thread use the host’s jobs, schedules and threads', () => {
  it('q:job define and dispatch in a body reach the host’s job service', async () => {
    const jobs = new RecordingJobs()
    const { servicesFor } = bridge({ jobs })
    const result = await run(
      `<q:job name="mail" queue="mail" attempts="2"><q:param name="to" required="true"/><q:log>{to}</q:log></q:job>
       <q:job name="mail" action="dispatch" delay="1m"><q:param name="to" value="a@b.c"/></q:job>
       <q:return value="{dispatched_job_mail.job_id}"/>`,
      { services: servicesFor('body-1') },
    )
    expect(result.result).toBe(1)
    expect(
      jobs.definitions.map((definition) => [definition.name, definition.queue, definition.attempts]),
    ).toEqual([['mail', 'mail', 2]])
    expect(jobs.dispatched).toEqual([
      expect.objectContaining({ name: 'mail', params: { to: 'a@b.c' }, delayMs: 60_000 }),
    ])
  })

  it('q:schedule run and pause in a body reach the host’s schedule service', async () => {
    const schedules = new RecordingSchedules()
    const { servicesFor } = bridge({ schedules })
    await run(
      `<q:schedule name="tick" interval="5m"><q:log>tick</q:log></q:schedule>
       <q:schedule name="tick" action="pause"/>`,
      { services: servicesFor('body-1') },
    )
    expect(schedules.calls).toEqual(['register tick', 'pause tick'])
    expect(schedules.get('tick')?.enabled).toBe(false)
  })

  it('q:thread runs on the host; join publishes its result and on-complete runs in the starting body', async () => {
    const { servicesFor } = bridge({ threads: () => new RecordingThreads() })
    const result = await run(
      `<q:function name="done"><q:param name="result"/><q:set name="seen" scope="component" value="{result}"/></q:function>
       <q:set name="n" value="{20}"/>
       <q:thread name="t" on-complete="done"><q:return value="{n + 1}"/></q:thread>
       <q:thread name="t" action="join"/>
       <q:return value="{[thread.t.status, thread.t.result, seen]}"/>`,
      { services: servicesFor('body-1') },
    )
    expect(result.result).toEqual(['COMPLETED', 21, 21])
  })

  it('threads belong to the body that starts them: two bodies may each run a thread of one name', async () => {
    const services: ThreadService[] = []
    const { servicesFor } = bridge({
      threads: () => {
        const threads = new RecordingThreads()
        services.push(threads)
        return threads
      },
    })
    const body = `<q:thread name="same"><q:sleep duration="50ms"/><q:return value="{1}"/></q:thread>
       <q:thread name="same" action="join"/><q:return value="{thread.same.status}"/>`
    const [first, second] = await Promise.all([
      run(body, { services: servicesFor('body-1') }),
      run(body, { services: servicesFor('body-2') }),
    ])
    expect([first.result, second.result]).toEqual(['COMPLETED', 'COMPLETED'])
    expect(services).toHaveLength(2)
  })

  it('terminate stops a thread on the host and the body reads its state at once', async () => {
    const { servicesFor } = bridge({ threads: () => new RecordingThreads() })
    const result = await run(
      `<q:thread name="slow"><q:sleep duration="30s"/></q:thread>
       <q:thread name="slow" action="terminate"/>
       <q:return value="{[_thread_terminate.success, thread.slow.status]}"/>`,
      { services: servicesFor('body-1') },
    )
    expect(result.result).toEqual([true, 'TERMINATED'])
  })

  it('q:invoke component= in a body loads the component through the host, which parses it', async () => {
    const app = sourceApp()
    closers.push(() => app.remove())
    app.write(
      'components/Greeter.q',
      '<q:component name="Greeter"><q:function name="hello"><q:param name="who"/><q:return value="Hello {who}"/></q:function></q:component>',
    )
    app.write('components/Broken.q', '<q:component name="Broken">\n  <q:frobnicate/>\n</q:component>')
    app.write(
      'main.q',
      `<q:component name="Main">
  <q:invoke name="greeting" component="Greeter" method="hello"><q:param name="who" value="Ada"/></q:invoke>
  <q:return value="{greeting}"/>
</q:component>`,
    )
    app.write('broken.q', '<q:component name="Main"><q:invoke component="Broken" method="x"/></q:component>')
    const { servicesFor } = bridge({ sources: app.sources })
    const services = servicesFor('body-1')
    expect((await app.run('main.q', { services })).result).toBe('Hello Ada')
    expect(app.parsed()).toBe(1)
    const error = await app.run('broken.q', { services }).catch((failure: unknown) => failure)
    expect(error).toMatchObject({ code: 'PARSE_UNKNOWN_TAG', position: { start: { line: 2 } } })
    expect(String((error as { file?: string }).file)).toMatch(/components\/Broken\.q$/)
  })

  it('a host’s coded error comes back as the same coded error', async () => {
    const jobs = new RecordingJobs()
    jobs.dispatch = async (request) => {
      throw new QueueError(ErrorCodes.QUEUE_JOB_NOT_DEFINED, `Job '${request.name}' is not defined`)
    }
    const { servicesFor } = bridge({ jobs })
    const error = await runError(`<q:job name="nope" action="dispatch"/>`, {
      services: servicesFor('body-1'),
    })
    expect(error.code).toBe(ErrorCodes.QUEUE_JOB_NOT_DEFINED)
    expect(error.message).toContain("Job 'nope' is not defined")
  })

  it('a service the host does not lend is missing in the body, with the runtime’s usual error', async () => {
    const { servicesFor } = bridge({ jobs: new RecordingJobs() })
    const error = await runError('<q:thread name="t"><q:log>x</q:log></q:thread>', {
      services: servicesFor('body-1'),
    })
    expect(error.code).toBe(ErrorCodes.RUNTIME_SERVICE_MISSING)
  })

  it('only the contracts’ methods cross: anything else a service object has is refused', async () => {
    const jobs = Object.assign(new RecordingJobs(), { purgeEverything: async () => 'purged' })
    const { port1: hostPort, port2: bodyPort } = new MessageChannel()
    closers.push(() => {
      hostPort.close()
      bodyPort.close()
    })
    const served = serveBodies({ jobs }, (message) => hostPort.postMessage(message))
    hostPort.on('message', (message) => served.receive(message))
    const reply = new Promise((resolve) => bodyPort.once('message', resolve))
    bodyPort.postMessage({
      bridge: 'call',
      call: 1,
      scope: 's',
      service: 'jobs',
      method: 'purgeEverything',
      args: [],
    })
    expect(await reply).toMatchObject({ ok: false, error: { code: ErrorCodes.RUNTIME_ERROR } })
  })

  it('when the host is gone, a waiting call fails with a coded error instead of hanging', async () => {
    const { port1: hostPort, port2: bodyPort } = new MessageChannel()
    closers.push(() => {
      hostPort.close()
      bodyPort.close()
    })
    // A host that never answers.
    const connection = connectToHost((message) => bodyPort.postMessage(message))
    const services = connection.servicesFor('body-1', ['jobs'])
    const pending = services.jobs?.dispatch({ name: 'x', params: {} })
    connection.close('the worker is stopping')
    await expect(pending).rejects.toMatchObject({ code: ErrorCodes.RUNTIME_ERROR })
    await expect(pending).rejects.toThrow('The host is gone: the worker is stopping')
  })
})
