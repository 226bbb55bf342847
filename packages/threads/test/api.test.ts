import { expect, it } from 'vitest'

it('exposes the pool, the thread service and nothing else', async () => {
  const api = await import('../src/index')
  expect(Object.keys(api).sort()).toEqual(['DEFAULT_THREADS_MAX', 'createThreadPool', 'createThreadService'])
})
