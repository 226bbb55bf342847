import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { check } from '@quantum/parser'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'

const packageDir = fileURLToPath(new URL('..', import.meta.url))
const seedDir = fileURLToPath(new URL('../../../examples/seed/', import.meta.url))
const bin = join(packageDir, 'dist', 'bin.js')

function quantum(...args: string[]) {
  const { NO_COLOR: _, ...env } = process.env
  return spawnSync(process.execPath, [bin, ...args], { cwd: packageDir, encoding: 'utf8', env })
}

let dir: string | undefined

beforeAll(() => {
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run pnpm --filter @quantum/cli... build first`)
})

afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
  dir = undefined
})

describe('the built quantum binary', () => {
  it('checks every seed example clean', () => {
    const files = readdirSync(seedDir)
      .filter((name) => name.endsWith('.q'))
      .map((name) => join(seedDir, name))
    expect(files.length).toBeGreaterThan(0)
    const result = quantum('check', ...files)
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
    expect(result.stdout).toBe(files.map((file) => `ok ${file}\n`).join(''))
  })

  it('reports a broken file and exits 1', () => {
    dir = mkdtempSync(join(tmpdir(), 'quantum-cli-bin-'))
    const file = join(dir, 'broken.q')
    const source = `<q:component name="Bad" xmlns:q="https://quantum.lang/ns">
  <q:set name="x" value="1"/>
  <q:foo/>
</q:component>
`
    writeFileSync(file, source)
    const [expected] = check(source, { file }).diagnostics
    expect(expected?.code).toBe('PARSE_UNKNOWN_TAG')

    const result = quantum('check', file)
    expect(result.status).toBe(1)
    expect(result.stdout.split('\n')[0]).toBe(`${file}:3:3: error PARSE_UNKNOWN_TAG: ${expected?.message}`)
    expect(result.stderr).toBe('1 problem in 1 file\n')
  })
})
