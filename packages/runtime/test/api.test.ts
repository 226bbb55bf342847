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
    'observeIterations',
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
