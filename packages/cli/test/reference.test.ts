import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'
import { createProgram } from '../src/main'
import { cliReference } from '../src/reference'

const docs = fileURLToPath(new URL('../../../docs/cli.md', import.meta.url))
const silent = { write: () => true }

it('docs/cli.md is the reference generated from the CLI’s own definitions (UPDATE=1 rewrites it)', () => {
  const program = createProgram({ stdout: silent, stderr: silent, env: {}, cwd: process.cwd() }, () => {})
  const reference = cliReference(program)
  if (process.env.UPDATE) writeFileSync(docs, reference)
  // Every command a user can type is there, with its options.
  for (const heading of [
    '`quantum run`',
    '`quantum worker start`',
    '`quantum jobs history`',
    '`quantum cron next`',
  ])
    expect(reference).toContain(heading)
  expect(reference).toContain('--tz <zone>')
  expect(readFileSync(docs, 'utf8')).toBe(reference)
})
