import { expect, it } from 'vitest'

it('exposes the public CLI API and nothing else', async () => {
  const api = await import('../src/index')
  expect(Object.keys(api).sort()).toEqual([
    'codeFrame',
    'formatDiagnostic',
    'formatDiagnostics',
    'formatRunJson',
    'formatRunText',
    'loadConfig',
    'main',
    'openConfiguredStore',
    'resolveGlobalOptions',
    'runFile',
    'runJson',
    'storeLocation',
  ])
})
