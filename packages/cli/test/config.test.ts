import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CliError, QuantumError } from '@quantum/ast'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { schedulerSettings } from '../src/hosting/scheduleHost'
import { loadConfig } from '../src/index'

let dir: string

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'quantum-cli-config-'))
})

afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected the configuration to be rejected')
    },
    (error: unknown) => error as CliError,
  )

it('rejects a configuration file it cannot use with a CliError coded CLI_CONFIG at the file', async () => {
  writeFileSync(join(dir, 'quantum.config.json'), '{ "datasource": {} }')
  const error = await failure(loadConfig(undefined, { cwd: dir, env: {} }))
  expect(error).toBeInstanceOf(CliError)
  expect(QuantumError.is(error)).toBe(true)
  expect(error.code).toBe('CLI_CONFIG')
  expect(error.location).toBe(`${join(dir, 'quantum.config.json')}:1:3`)
  expect(error.message).toBe("unknown key 'datasource'; did you mean 'datasources'?")
})

it('keeps the reason a configuration file cannot be read as the cause', async () => {
  const error = await failure(loadConfig(join(dir, 'nope.json'), { cwd: dir, env: {} }))
  expect([error.code, error.file]).toEqual(['CLI_CONFIG', join(dir, 'nope.json')])
  expect((error.cause as NodeJS.ErrnoException).code).toBe('ENOENT')
})

it('names the environment variable at fault', async () => {
  const error = await failure(loadConfig(undefined, { cwd: dir, env: { QUANTUM_MAIL_URL: 'http://mail' } }))
  expect(error.toJSON()).toEqual({
    name: 'CliError',
    code: 'CLI_CONFIG',
    message: 'must be an smtp:// or smtps:// URL',
    file: 'QUANTUM_MAIL_URL',
  })
})

it('takes the http section with the bounds given, leaving the others to their defaults', async () => {
  writeFileSync(
    join(dir, 'quantum.config.json'),
    '{ "http": { "timeoutMs": 5000, "maxResponseBytes": 1024 } }',
  )
  const { config } = await loadConfig(undefined, { cwd: dir, env: {} })
  expect(config.http).toEqual({ timeoutMs: 5000, maxResponseBytes: 1024 })
})

it.each([
  ['[]', 'http: expected an object, got []'],
  ['{ "timeout": 5000 }', "unknown key 'http.timeout'; did you mean 'timeoutMs'?"],
  [
    '{ "timeoutSeconds": 5 }',
    "unknown key 'http.timeoutSeconds' (known keys: timeoutMs, maxResponseBytes, maxRequestBytes)",
  ],
  ['{ "timeoutMs": "30s" }', 'http.timeoutMs: expected a whole number of at least 1, got "30s"'],
  ['{ "maxResponseBytes": 0 }', 'http.maxResponseBytes: expected a whole number of at least 1, got 0'],
  ['{ "maxRequestBytes": 1.5 }', 'http.maxRequestBytes: expected a whole number of at least 1, got 1.5'],
])('rejects the http section %s with CLI_CONFIG', async (http, message) => {
  writeFileSync(join(dir, 'quantum.config.json'), `{ "http": ${http} }`)
  const error = await failure(loadConfig(undefined, { cwd: dir, env: {} }))
  expect([error.code, error.message]).toEqual(['CLI_CONFIG', message])
})

it('takes the threads section (pool size and worker threads)', async () => {
  writeFileSync(join(dir, 'quantum.config.json'), '{ "threads": { "max": 4, "workers": 2 } }')
  const { config } = await loadConfig(undefined, { cwd: dir, env: {} })
  expect(config.threads).toEqual({ max: 4, workers: 2 })
})

it.each([
  ['10', 'threads: expected an object, got 10'],
  ['{ "maxThreads": 4 }', "unknown key 'threads.maxThreads' (known keys: max, workers)"],
  ['{ "max": 0 }', 'threads.max: expected a whole number of at least 1, got 0'],
  ['{ "workers": "2" }', 'threads.workers: expected a whole number of at least 1, got "2"'],
])('rejects the threads section %s with CLI_CONFIG', async (threads, message) => {
  writeFileSync(join(dir, 'quantum.config.json'), `{ "threads": ${threads} }`)
  const error = await failure(loadConfig(undefined, { cwd: dir, env: {} }))
  expect([error.code, error.message]).toEqual(['CLI_CONFIG', message])
})

it('takes redis as a URL or as { url, prefix }', async () => {
  writeFileSync(join(dir, 'quantum.config.json'), '{ "redis": "redis://cache:6379/2" }')
  expect((await loadConfig(undefined, { cwd: dir, env: {} })).config.redis).toBe('redis://cache:6379/2')
  writeFileSync(
    join(dir, 'quantum.config.json'),
    '{ "redis": { "url": "rediss://cache:6380", "prefix": "shop" } }',
  )
  expect((await loadConfig(undefined, { cwd: dir, env: {} })).config.redis).toEqual({
    url: 'rediss://cache:6380',
    prefix: 'shop',
  })
})

it.each([
  [
    '"http://cache"',
    'redis: expected a redis:// or rediss:// URL, like redis://127.0.0.1:6379, got "http://cache"',
  ],
  [
    '6379',
    'redis: expected a redis:// or rediss:// URL or an object like { "url": "redis://…", "prefix": "shop" }, got 6379',
  ],
  [
    '{ "prefix": "shop" }',
    'redis.url: expected a redis:// or rediss:// URL, like redis://127.0.0.1:6379, but it is missing',
  ],
  ['{ "url": "redis://x", "db": 2 }', "unknown key 'redis.db' (known keys: url, prefix)"],
  ['{ "url": "redis://x", "prefix": "" }', 'redis.prefix: expected a non-empty string, got ""'],
])('rejects the redis setting %s with CLI_CONFIG', async (redis, message) => {
  writeFileSync(join(dir, 'quantum.config.json'), `{ "redis": ${redis} }`)
  const error = await failure(loadConfig(undefined, { cwd: dir, env: {} }))
  expect([error.code, error.message]).toEqual(['CLI_CONFIG', message])
})

it('takes the scheduler section: durations as q:schedule writes them, or whole seconds', async () => {
  writeFileSync(join(dir, 'quantum.config.json'), '{ "scheduler": { "misfireGrace": "2m", "stopGrace": 0 } }')
  const { config } = await loadConfig(undefined, { cwd: dir, env: {} })
  expect(config.scheduler).toEqual({ misfireGrace: '2m', stopGrace: 0 })
  expect(schedulerSettings(config.scheduler)).toEqual({ misfireGraceMs: 120_000, stopGraceMs: 0 })
})

it('takes scheduler.workers and hands it to the scheduler; absent, the scheduler keeps its default', async () => {
  writeFileSync(join(dir, 'quantum.config.json'), '{ "scheduler": { "workers": 2 } }')
  const { config } = await loadConfig(undefined, { cwd: dir, env: {} })
  expect(config.scheduler).toEqual({ workers: 2 })
  expect(schedulerSettings(config.scheduler)).toEqual({ workers: 2 })
  expect(schedulerSettings(undefined)).toEqual({})
})

it.each([
  ['{ "scheduler": 5 }', 'scheduler: expected an object like { "misfireGrace": "60s" }, got 5'],
  [
    '{ "scheduler": { "grace": "1s" } }',
    "unknown key 'scheduler.grace' (known keys: misfireGrace, stopGrace, workers)",
  ],
  ['{ "scheduler": { "workers": 0 } }', 'scheduler.workers: expected a whole number of at least 1, got 0'],
  [
    '{ "scheduler": { "workers": 1.5 } }',
    'scheduler.workers: expected a whole number of at least 1, got 1.5',
  ],
  ['{ "scheduler": { "misfireGrace": "soon" } }', 'scheduler.misfireGrace: Invalid duration format: soon'],
  [
    '{ "scheduler": { "stopGrace": -1 } }',
    'scheduler.stopGrace: expected whole seconds of at least 0, got -1',
  ],
  [
    '{ "scheduler": { "stopGrace": true } }',
    'scheduler.stopGrace: expected a duration like "60s" or whole seconds, got true',
  ],
])('rejects the scheduler section %s', async (text, message) => {
  writeFileSync(join(dir, 'quantum.config.json'), text)
  const error = await failure(loadConfig(undefined, { cwd: dir, env: {} }))
  expect(error.code).toBe('CLI_CONFIG')
  expect(error.message.startsWith(message)).toBe(true)
})

it('takes the mail size limits and the outbox retention, and keeps them when QUANTUM_MAIL_URL switches to SMTP', async () => {
  writeFileSync(
    join(dir, 'quantum.config.json'),
    '{ "mail": { "maxMessageBytes": 1048576, "maxOutboxBytes": 10485760, "outboxMaxAge": "7d" } }',
  )
  const outbox = await loadConfig(undefined, { cwd: dir, env: {} })
  expect(outbox.config.mail).toEqual({
    transport: 'outbox',
    maxMessageBytes: 1048576,
    maxOutboxBytes: 10485760,
    outboxMaxAgeMs: 7 * 86_400_000,
  })
  const smtp = await loadConfig(undefined, { cwd: dir, env: { QUANTUM_MAIL_URL: 'smtp://127.0.0.1:2525' } })
  expect(smtp.config.mail).toEqual({
    transport: 'smtp',
    url: 'smtp://127.0.0.1:2525',
    maxMessageBytes: 1048576,
    maxOutboxBytes: 10485760,
    outboxMaxAgeMs: 7 * 86_400_000,
  })
  for (const [mail, message] of [
    ['{ "maxMessageBytes": 0 }', 'mail.maxMessageBytes: expected a whole number of at least 1, got 0'],
    ['{ "maxOutboxBytes": "1GB" }', 'mail.maxOutboxBytes: expected a whole number of at least 1, got "1GB"'],
    ['{ "outboxMaxAge": "soon" }', /^mail\.outboxMaxAge: Invalid duration format: soon/],
    ['{ "maxBytes": 5 }', /^unknown key 'mail.maxBytes' \(known keys: transport, url, from, /],
  ] as const) {
    writeFileSync(join(dir, 'quantum.config.json'), `{ "mail": ${mail} }`)
    const error = await failure(loadConfig(undefined, { cwd: dir, env: {} }))
    expect(error.code).toBe('CLI_CONFIG')
    expect(error.message).toMatch(message)
  }
})
