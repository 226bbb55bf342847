import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { CliError } from '@quantum/ast'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loadConfig } from '../src/index'
import { durationSetting, redisUrlSetting, wholeNumberSetting } from '../src/settings'
import { run } from './run'

let dir: string

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'quantum-cli-config-checks-'))
})

afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

/** The error loading `text` as the configuration fails with. */
async function refusal(text: string): Promise<CliError> {
  writeFileSync(join(dir, 'quantum.config.json'), text)
  return loadConfig(undefined, { cwd: dir, env: {} }).then(
    () => {
      throw new Error('expected the configuration to be rejected')
    },
    (error: unknown) => error as CliError,
  )
}

const at = (line: number, column: number) => `${join(dir, 'quantum.config.json')}:${line}:${column}`

describe('a problem names its key by its dotted path, at its line and column', () => {
  it('a value of the wrong kind: expected what, got what', async () => {
    const error = await refusal('{\n  "limits": {\n    "maxQueryRows": "x"\n  }\n}\n')
    expect([error.code, error.location, error.message]).toEqual([
      'CLI_CONFIG',
      at(3, 21),
      'limits.maxQueryRows: expected a number of at least 0, got "x"',
    ])
  })

  it('an unknown key, at the key, with the key meant when one is close', async () => {
    const error = await refusal('{\n  "limits": { "maxQueryRow": 5 }\n}')
    expect([error.location, error.message]).toEqual([
      at(2, 15),
      "unknown key 'limits.maxQueryRow'; did you mean 'maxQueryRows'?",
    ])
    expect((await refusal('{ "Threads": {} }')).message).toBe(
      "unknown key 'Threads'; did you mean 'threads'?",
    )
  })

  it('every problem, in the order of the file', async () => {
    const error = await refusal('{\n  "threads": { "max": 0 },\n  "limits": { "maxSteps": -1 }\n}')
    expect(error.location).toBe(at(2, 23))
    expect(error.errors?.map((problem) => [problem.location, problem.message])).toEqual([
      [at(2, 23), 'threads.max: expected a whole number of at least 1, got 0'],
      [at(3, 27), 'limits.maxSteps: expected a number of at least 0, got -1'],
    ])
  })

  it('JSON that does not parse, where it stops', async () => {
    const error = await refusal('{\n  "threads": { "max": 4 },\n}')
    expect(error.location).toBe(at(3, 1))
    expect(error.message).toMatch(/^invalid JSON \(/)
  })

  it('a key that is missing, at the object that lacks it', async () => {
    const error = await refusal('{ "mail": { "transport": "smtp" } }')
    expect([error.location, error.message]).toEqual([
      at(1, 11),
      "mail.url: required with transport 'smtp', like smtp://user:pass@host:587",
    ])
  })
})

describe('datasources are checked when the configuration is loaded', () => {
  it.each([
    [
      '{ "db": { "driver": "oracle" } }',
      'datasources.db.driver: expected one of sqlite, postgres, postgresql, mysql, mariadb, got "oracle"',
    ],
    ['{ "db": 5 }', 'datasources.db: expected a datasource like { "driver": "sqlite" }, got 5'],
    [
      '{ "db": { "driver": "postgres" } }',
      'datasources.db.url: expected a URL like postgres://user:pass@host:5432/db, but it is missing',
    ],
    [
      '{ "db": { "driver": "sqlite", "allowAttach": "yes" } }',
      'datasources.db.allowAttach: expected true or false, got "yes"',
    ],
    [
      '{ "db": { "driver": "mysql", "url": "mysql://x", "max": 0 } }',
      'datasources.db.max: expected a whole number of at least 1, got 0',
    ],
  ])('refuses %s', async (datasources, message) => {
    expect((await refusal(`{ "datasources": ${datasources} }`)).message).toBe(message)
  })

  it('refuses a key no driver has (a misspelt path would open the default database)', async () => {
    const error = await refusal('{ "datasources": { "db": { "driver": "sqlite", "file": "x.db" } } }')
    expect(error.message).toMatch(
      /^unknown key 'datasources\.db\.file' \(known keys: driver, path, allowAttach, /,
    )
  })
})

describe('home, metrics.port and parser.maxSourceBytes', () => {
  it('home is made absolute against the folder of the configuration file', async () => {
    mkdirSync(join(dir, 'conf'))
    writeFileSync(join(dir, 'conf', 'q.json'), '{ "home": "../state" }')
    const { config } = await loadConfig(join(dir, 'conf', 'q.json'), { cwd: '/', env: {} })
    expect(config.home).toBe(join(dir, 'state'))
    expect((await refusal('{ "home": "" }')).message).toBe('home: expected a non-empty folder path, got ""')
  })

  it('metrics.port takes what --metrics-port takes', async () => {
    writeFileSync(join(dir, 'quantum.config.json'), '{ "metrics": { "port": 0 } }')
    expect((await loadConfig(undefined, { cwd: dir, env: {} })).config.metrics).toEqual({ port: 0 })
    expect((await refusal('{ "metrics": { "port": 70000 } }')).message).toBe(
      'metrics.port: expected a whole number from 0 to 65535, got 70000',
    )
  })

  it('takes a $schema key for editors', async () => {
    const schema = '"./node_modules/@quantum/cli/quantum.config.schema.json"'
    writeFileSync(
      join(dir, 'quantum.config.json'),
      `{ "$schema": ${schema}, "parser": { "maxSourceBytes": 10 } }`,
    )
    expect((await loadConfig(undefined, { cwd: dir, env: {} })).config.parser).toEqual({ maxSourceBytes: 10 })
  })
})

describe('a flag gets the check of its configuration key', () => {
  it.each([
    [wholeNumberSetting('0', 1, 1000), 'must be a whole number from 1 to 1000'],
    [wholeNumberSetting('12x', 1), 'must be a whole number of at least 1'],
    [durationSetting('soon'), /^Invalid duration format: soon/],
    [durationSetting('0s'), /^Duration must be positive: 0s/],
    [durationSetting(-5, { allowZero: true }), 'must be whole seconds of at least 0'],
    [durationSetting('99999999999999w'), 'must be at most 365d: 99999999999999w'],
    [redisUrlSetting('http://x'), 'must be a redis:// or rediss:// URL, like redis://127.0.0.1:6379'],
  ])('%#: refused', (result, message) => {
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.message).toMatch(message)
  })

  it('reads what it takes', () => {
    expect(wholeNumberSetting(' 42 ', 1, 1000)).toEqual({ ok: true, value: 42 })
    expect(durationSetting('2m')).toEqual({ ok: true, value: 120_000 })
    expect(durationSetting(0, { allowZero: true })).toEqual({ ok: true, value: 0 })
    expect(redisUrlSetting('rediss://cache:6380')).toEqual({ ok: true, value: 'rediss://cache:6380' })
  })
})

it('the command prints every problem at file:line:col with a code frame, and exits 1', async () => {
  writeFileSync(
    join(dir, 'quantum.config.json'),
    '{\n  "threads": { "max": 0 },\n  "limits": { "maxStep": 5 }\n}\n',
  )
  writeFileSync(join(dir, 'a.q'), '<q:component name="A" xmlns:q="https://quantum.lang/ns"/>\n')
  const result = await run(['check', 'a.q'], { cwd: dir })
  expect(result.code).toBe(1)
  expect(result.stdout).toBe('')
  const heads = result.stderr.split('\n').filter((line) => line.startsWith('quantum.config.json'))
  expect(heads).toEqual([
    'quantum.config.json:2:23: error CLI_CONFIG: threads.max: expected a whole number of at least 1, got 0',
    "quantum.config.json:3:15: error CLI_CONFIG: unknown key 'limits.maxStep'; did you mean 'maxSteps'?",
  ])
  expect(result.stderr).toContain('  "threads": { "max": 0 },')
})
