import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { run } from '../run'

/**
 * Issue 19, item 11: `--redis http://x` gave `CLI_INTERNAL` and a stack (the configuration's `redis` was
 * checked, the flag was not), and `--delay 99999999999999w` reached the queue as 6.05e+22 ms. A flag gets
 * the check its configuration key or environment variable gets; a bad one is a usage error (exit 2)
 * with a code.
 */
let dir: string

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'quantum-cli-flags-'))
})

afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

const quantum = (args: string[], env: Record<string, string> = {}) =>
  run(['--home', join(dir, 'home'), ...args], { cwd: dir, env })

/** The first line of stderr of a usage error, checked to be coded and without a stack. */
async function usageError(args: string[]): Promise<string> {
  const result = await quantum(args)
  expect(result.code).toBe(2)
  expect(result.stdout).toBe('')
  expect(result.stderr).not.toMatch(/^\s+at /m)
  const [first = ''] = result.stderr.split('\n')
  expect(first).toMatch(/^error CLI_USAGE: /)
  return first
}

const REDIS_PROBLEM = 'must be a redis:// or rediss:// URL, like redis://127.0.0.1:6379'

describe('--redis, QUANTUM_REDIS_URL and the redis key share one check', () => {
  it.each(['http://x', 'redis://', 'localhost:6379'])('--redis %s is a usage error', async (url) => {
    expect(await usageError(['--redis', url, 'jobs', 'list'])).toBe(
      `error CLI_USAGE: option '--redis <url>' argument '${url}' is invalid. ${REDIS_PROBLEM}.`,
    )
  })

  it('QUANTUM_REDIS_URL=http://x is a configuration error naming the variable', async () => {
    expect(await quantum(['jobs', 'list'], { QUANTUM_REDIS_URL: 'http://x' })).toEqual({
      code: 1,
      stdout: '',
      stderr: `QUANTUM_REDIS_URL: error CLI_CONFIG: ${REDIS_PROBLEM}\n`,
    })
  })
})

describe('durations', () => {
  it('--delay 99999999999999w is a usage error, not 6.05e+22 ms', async () => {
    expect(await usageError(['jobs', 'dispatch', 'j', '--delay', '99999999999999w'])).toBe(
      "error CLI_USAGE: option '--delay <duration>' argument '99999999999999w' is invalid. must be at most 365d: 99999999999999w.",
    )
  })

  it('scheduler.misfireGrace in the configuration gets the same bound', async () => {
    const config = { scheduler: { misfireGrace: '99999999999999w' } }
    writeFileSync(join(dir, 'quantum.config.json'), JSON.stringify(config))
    expect(await quantum(['jobs', 'list'])).toEqual({
      code: 1,
      stdout: '',
      stderr: [
        'quantum.config.json:1:30: error CLI_CONFIG: scheduler.misfireGrace: must be at most 365d: 99999999999999w',
        `>> 1| ${JSON.stringify(config)}`,
        `    |${' '.repeat(30)}${'^'.repeat(17)}`,
        '',
      ].join('\n'),
    })
  })
})

describe('whole numbers and names', () => {
  it.each([
    [['jobs', 'dispatch', 'j', '--priority', '1e1'], '--priority <n>', '1e1', 'from 0 to 10'],
    [['jobs', 'dispatch', 'j', '--priority', '-1'], '--priority <n>', '-1', 'from 0 to 10'],
    [
      ['jobs', 'history', '--limit', '99999999999999999999'],
      '--limit <n>',
      '99999999999999999999',
      'from 1 to 10000',
    ],
    [['worker', 'start', '--concurrency', '0x10'], '--concurrency <n>', '0x10', 'from 1 to 1000'],
    [['worker', 'start', '--metrics-port', '65536'], '--metrics-port <n>', '65536', 'from 0 to 65535'],
    [['cron', 'next', '* * * * *', '--count', '1.5'], '--count <n>', '1.5', 'from 1 to 1000'],
  ])('%j is a usage error', async (args, option, value, range) => {
    expect(await usageError(args)).toBe(
      `error CLI_USAGE: option '${option}' argument '${value}' is invalid. must be a whole number ${range}.`,
    )
  })

  it.each([[['jobs', 'dispatch', 'j', '--queue', ' ']], [['jobs', 'list', '--queue', '']]])(
    'a blank --queue is a usage error: %j',
    async (args) => {
      expect(await usageError(args)).toMatch(/argument '\s*' is invalid\. must not be empty\.$/)
    },
  )

  it('an unknown option or command is coded too', async () => {
    expect(await usageError(['jobs', 'list', '--bogus'])).toBe("error CLI_USAGE: unknown option '--bogus'")
    expect(await usageError(['jobs', 'cancle'])).toBe("error CLI_USAGE: unknown command 'cancle'")
  })
})
