import { describe, expect, it } from 'vitest'
import { createLogger } from '../../src/services'
import { run } from '../helpers'

const NOW = new Date('2026-01-02T03:04:05Z')
const clock = { now: () => NOW }

describe('q:log', () => {
  it("records entries in the run's logs with level, databound message and time", async () => {
    const result = await run(
      `
      <q:log message="Processing order {order.id}"/>
      <q:log level="error">Order {order.id} failed: {reason}</q:log>
      <q:log level="warn" message="low stock"/>
      <q:log level="DEBUG" message="details"/>
      <q:log level="critical" message="down"/>
    `,
      { params: { order: { id: 7 }, reason: 'card declined' }, services: { clock } },
    )
    expect(result.logs).toEqual([
      { time: NOW, level: 'info', message: 'Processing order 7' },
      { time: NOW, level: 'error', message: 'Order 7 failed: card declined' },
      { time: NOW, level: 'warning', message: 'low stock' },
      { time: NOW, level: 'debug', message: 'details' },
      { time: NOW, level: 'critical', message: 'down' },
    ])
  })

  it('reads context as a value, as JSON text, or else as {value: text}', async () => {
    const result = await run(
      `
      <q:log message="object" context="{order}"/>
      <q:log message="literal" context="{{orderId: order.id, paid: false}}"/>
      <q:log message="json" context="{payload}"/>
      <q:log message="json attribute" context='{"retry": 3}'/>
      <q:log message="text" context="order {order.id} of {order.customer}"/>
      <q:log message="none"/>
    `,
      { params: { order: { id: 7, customer: 'Ada' }, payload: '{"items": [1, 2]}' } },
    )
    expect(result.logs.map((entry) => [entry.message, entry.context])).toEqual([
      ['object', { id: 7, customer: 'Ada' }],
      ['literal', { orderId: 7, paid: false }],
      ['json', { items: [1, 2] }],
      ['json attribute', { retry: 3 }],
      ['text', { value: 'order 7 of Ada' }],
      ['none', undefined],
    ])
    expect(result.logs[5]).not.toHaveProperty('context')
  })

  it('adds a databound correlationId, and skips an entry whose when is false', async () => {
    const result = await run(
      `
      <q:loop type="range" var="i" from="1" to="4">
        <q:log message="step {i}" when="{i % 2 == 0}" correlationId="req-{requestId}-{i}"/>
      </q:loop>
      <q:log message="never" when="{debug}"/>
      <q:log message="always" when="{!debug}" correlation_id="{requestId}"/>
    `,
      { params: { requestId: 'abc', debug: false } },
    )
    expect(result.logs.map(({ message, correlationId }) => ({ message, correlationId }))).toEqual([
      { message: 'step 2', correlationId: 'req-abc-2' },
      { message: 'step 4', correlationId: 'req-abc-4' },
      { message: 'always', correlationId: 'abc' },
    ])
  })

  it('reads when as a condition: unknown names and "false" skip the entry', async () => {
    const result = await run(
      `
      <q:log message="unknown flag" when="{verbose}"/>
      <q:log message="missing member" when="{flags.debug}"/>
      <q:log message="literal false" when="false"/>
      <q:log message="set flag" when="{flags.trace}"/>
      <q:log message="text true" when="{flags.trace} and more"/>
    `,
      { params: { flags: { trace: true } } },
    )
    expect(result.logs.map((entry) => entry.message)).toEqual(['set flag', 'text true'])
  })

  it("writes lines in the logger's format: time, [LEVEL], message, context, correlation id", async () => {
    const lines: string[] = []
    const logger = createLogger({ write: (line) => lines.push(line), minLevel: 'info' })
    await run(
      `
      <q:log level="info" message="Job started"/>
      <q:log level="debug" message="below the minimum level"/>
      <q:log level="warn" message="Retrying {job}" context="{{attempt: 2}}" correlationId="{id}"/>
      <q:log level="error" context="boom">Job {job} failed</q:log>
    `,
      { params: { job: 'sendEmail', id: 'c-42' }, services: { logger, clock } },
    )
    expect(lines).toEqual([
      '2026-01-02 03:04:05 [INFO] Job started',
      '2026-01-02 03:04:05 [WARNING] Retrying sendEmail | context={"attempt":2} | correlation_id=c-42',
      '2026-01-02 03:04:05 [ERROR] Job sendEmail failed | context={"value":"boom"}',
    ])
    // The logger keeps every entry, including those below its level, for inspection.
    expect(logger.lines()).toHaveLength(4)
    expect(logger.entries()[1]).toMatchObject({ level: 'debug', message: 'below the minimum level' })
  })

  it('logs from inside functions and loops in order', async () => {
    const result = await run(`
      <q:function name="notify">
        <q:param name="who"/>
        <q:log message="notify {who}"/>
        <q:return value="{true}"/>
      </q:function>
      <q:loop type="list" var="name" items="Ada, Grace">
        <q:set name="ok" value="{notify(name)}"/>
      </q:loop>
      <q:log message="done"/>
    `)
    expect(result.logs.map((entry) => entry.message)).toEqual(['notify Ada', 'notify Grace', 'done'])
  })
})
