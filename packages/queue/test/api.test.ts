import { expect, it } from 'vitest'

it('exposes the contract’s helpers and the job service, nothing else', async () => {
  expect(Object.keys(await import('../src/index')).sort()).toEqual([
    'DEFAULT_BACKOFF',
    'JOB_STATUSES',
    'createJobService',
    'permanentFailure',
    'retryDelayMs',
  ])
})

it('exposes the embedded queue and nothing else', async () => {
  expect(Object.keys(await import('../src/embedded')).sort()).toEqual(['openEmbeddedQueue'])
})

it('exposes the bee-queue adapter and nothing else', async () => {
  expect(Object.keys(await import('../src/bee')).sort()).toEqual(['openBeeQueue'])
})
