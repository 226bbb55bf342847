import { expect, it } from 'vitest'

it('exposes the contract’s helpers and nothing else', async () => {
  expect(Object.keys(await import('../src/index')).sort()).toEqual([
    'CHECK_TIMEOUT_MS',
    'DEFAULT_RETENTION',
    'RUN_KINDS',
    'RUN_STATUSES',
    'fireLockKey',
    'runningLockKey',
  ])
})

it('exposes the SQLite store and nothing else', async () => {
  expect(Object.keys(await import('../src/sqlite')).sort()).toEqual([
    'STATE_DATABASE_FILE',
    'createFolder',
    'openSqliteStore',
    'openStateDatabase',
  ])
})

it('exposes the Redis store and nothing else', async () => {
  expect(Object.keys(await import('../src/redis')).sort()).toEqual(['openRedisStore'])
})
