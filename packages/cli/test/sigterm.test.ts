import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'

const bin = join(fileURLToPath(new URL('..', import.meta.url)), 'dist', 'bin.js')

let dir: string | undefined

beforeAll(() => {
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run pnpm --filter @quantum/cli... build first`)
})

afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
  dir = undefined
})

/**
 * Bodies that keep a worker busy for a long time with the work issue 7's repros do (string building,
 * splitting, patterns, collection operations, appends), each well within the limits so that only the
 * signal can end it. Each logs "started" first, so the test signals a run that is under way.
 */
const BUSY: Record<string, string> = {
  'templates, split and join': `
    <q:set name="s" value="abcdefghij"/>
    <q:loop type="range" var="i" from="1" to="12"><q:set name="s" value="{s}{s}"/></q:loop>
    <q:loop type="range" var="n" from="1" to="100000000">
      <q:set name="parts" value="{s.split('')}"/><q:set name="back" value="{parts.join('')}"/>
    </q:loop>`,
  patterns: `
    <q:set name="text" value="aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab"/>
    <q:loop type="range" var="n" from="1" to="100000000">
      <q:set name="checked" value="{text}" pattern="^(a+)+b$"/>
    </q:loop>`,
  'unique and sort over a large list': `
    <q:set name="list" value="{[]}"/>
    <q:loop type="range" var="i" from="1" to="20000"><q:set name="list" operation="append" value="{i % 997}"/></q:loop>
    <q:loop type="range" var="n" from="1" to="100000000">
      <q:set name="copy" operation="clone" source="list"/>
      <q:set name="copy" operation="unique"/><q:set name="copy" operation="sort"/>
    </q:loop>`,
  'appends without end': `
    <q:loop type="range" var="n" from="1" to="100000000">
      <q:set name="list" value="{[]}"/>
      <q:loop type="range" var="i" from="1" to="100000"><q:set name="list" operation="append" value="{i}"/></q:loop>
    </q:loop>`,
}

describe('SIGTERM during a busy run (issue 7)', () => {
  for (const [name, body] of Object.entries(BUSY)) {
    it(`ends the process within a second: ${name}`, async () => {
      dir = mkdtempSync(join(tmpdir(), 'quantum-cli-sigterm-'))
      const file = join(dir, 'busy.q')
      writeFileSync(
        file,
        `<q:component name="Busy" xmlns:q="https://quantum.lang/ns">\n<q:log message="started"/>${body}\n</q:component>\n`,
      )
      const { NO_COLOR: _, QUANTUM_HOME: __, QUANTUM_MAIL_URL: ___, ...env } = process.env
      const child = spawn(process.execPath, [bin, 'run', file, '--home', join(dir, 'home')], { env })
      const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>
      let stderr = ''
      child.stderr.setEncoding('utf8')
      const started = new Promise<void>((resolve) => {
        child.stderr.on('data', (chunk: string) => {
          stderr += chunk
          if (stderr.includes('started')) resolve()
        })
      })
      // A body the CLI refuses exits before it starts: fail with what it said rather than wait.
      await Promise.race([started, exited])
      expect(stderr).toContain('started')
      await new Promise((resolve) => setTimeout(resolve, 400))
      expect(child.exitCode, stderr).toBeNull()
      const signalled = performance.now()
      child.kill('SIGTERM')
      expect(await exited).toEqual([1, null])
      expect(performance.now() - signalled).toBeLessThan(1000)
      expect(stderr).toContain('RUNTIME_ABORTED')
    }, 20_000)
  }
})
