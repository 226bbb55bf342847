import { expect, it } from 'vitest'

it('exposes the public runtime API and nothing else', async () => {
  const api = await import('../src/index')
  expect(Object.keys(api).sort()).toEqual([
    'Context',
    'DEFAULT_LIMITS',
    'bindParameters',
    'builtinHandlers',
    'convertValue',
    'createRuntime',
    'defineRegister',
    'describeTrigger',
    'jsonSafe',
    'observeIterations',
    'portableLogEntry',
    'serializeError',
    'toJson',
    'toText',
    'truthy',
  ])
})

it('exposes the services and the host bridge, nothing else: no SQL binding internals, no outbox path', async () => {
  const api = await import('../src/services')
  expect(Object.keys(api).sort()).toEqual([
    'DEFAULT_FROM',
    'DEFAULT_HTTP_OPTIONS',
    'DEFAULT_MAIL_LIMITS',
    'connectToHost',
    'createDatasources',
    'createFiles',
    'createHttp',
    'createLogger',
    'createMailer',
    'createSources',
    'defaultDatasourceConfig',
    'formatLogLine',
    'isBridgeMessage',
    'lentServices',
    'openBodyServices',
    'openOutbox',
    'serveBodies',
    'systemClock',
  ])
})

it('exposes the body threads every pool is built on, nothing else', async () => {
  const api = await import('../src/workers')
  expect(Object.keys(api).sort()).toEqual([
    'BodyCache',
    'BodyWorkerSet',
    'bodyThreadFile',
    'liveWorkers',
    'workerLostError',
  ])
})

it('leaves the service contracts to the main entry (checked by tsc)', () => {
  const contract: import('../src/index').Datasources | undefined = undefined
  // @ts-expect-error the contracts are types of '@quantum/runtime' only, not of '@quantum/runtime/services'
  const again: import('../src/services').Datasources | undefined = contract
  expect(again).toBeUndefined()
})

it('declares the body executor contract a thread pool implements for threads, queues and schedules (checked by tsc)', async () => {
  const outcome: import('../src/index').BodyOutcome = {
    status: 'completed',
    output: '',
    logs: [],
    elapsedMs: 0,
  }
  const executor: import('../src/index').BodyExecutor = {
    execute: (execution: import('../src/index').BodyExecution) =>
      Promise.resolve({ ...outcome, result: execution.params }),
  }
  const body = { body: [], functions: [], snapshot: {} }
  expect(await executor.execute({ body, kind: 'job', params: { id: 1 } })).toMatchObject({
    result: { id: 1 },
  })
})

it('sends values, log entries and errors across threads as plain JSON data', async () => {
  const { jsonSafe, portableLogEntry, serializeError } = await import('../src/index')
  const { RuntimeError, ScheduleError, ErrorCodes } = await import('@quantum/ast')
  expect(jsonSafe({ n: 1, list: [true, null] })).toEqual({ n: 1, list: [true, null] })
  const entry = { time: new Date(0), level: 'info' as const, message: 'm', context: { n: 2 } }
  expect(portableLogEntry(entry)).toEqual(entry)
  expect(portableLogEntry({ ...entry, context: undefined })).toEqual({ ...entry, context: undefined })
  const wrap = (message: string) => new ScheduleError(ErrorCodes.SCHEDULE_ERROR, message)
  expect(serializeError(new Error('plain'), wrap)).toMatchObject({ code: 'SCHEDULE_ERROR', message: 'plain' })
  expect(serializeError('text', wrap)).toMatchObject({ code: 'SCHEDULE_ERROR', message: 'text' })
  expect(serializeError(new RuntimeError(ErrorCodes.RUNTIME_THROW, 'coded'), wrap)).toMatchObject({
    code: 'RUNTIME_THROW',
    message: 'coded',
  })
})
