import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CliError, QuantumError } from '@quantum/ast'
import { afterEach, beforeEach, expect, it } from 'vitest'
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
  expect(error.location).toBe(join(dir, 'quantum.config.json'))
  expect(error.message).toMatch(/^unknown key 'datasource' \(known keys: /)
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
