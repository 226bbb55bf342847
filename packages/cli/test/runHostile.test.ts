import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { run } from './run'

/** Ends holding a 5,000-deep value, two self-referencing objects and a value that shares its parts. */
const HOSTILE_VARIABLES = `<q:component name="Hostile" xmlns:q="https://quantum.lang/ns">
  <q:set name="deep" value="{[]}"/>
  <q:loop type="range" var="i" from="1" to="5000"><q:set name="deep" value="{[deep]}"/></q:loop>
  <q:set name="a.b" value="1"/>
  <q:set name="a.self" value="{a}"/>
  <q:set name="shared" value="{[1]}"/>
  <q:loop type="range" var="i" from="1" to="30"><q:set name="shared" value="{[shared, shared]}"/></q:loop>
  <q:log message="done" context="{a}"/>
  <q:return value="{a}"/>
</q:component>
`

const RETURNS_DEEP = `<q:component name="Deep" xmlns:q="https://quantum.lang/ns">
  <q:set name="deep" value="{[]}"/>
  <q:loop type="range" var="i" from="1" to="5000"><q:set name="deep" value="{[deep]}"/></q:loop>
  <q:return value="{deep}"/>
</q:component>
`

let dir: string

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'quantum-cli-hostile-'))
})

afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

describe('quantum run: a run that holds hostile values', () => {
  it('prints a run that ends holding deep, cyclic and huge variables (CLI_INTERNAL before)', async () => {
    writeFileSync(join(dir, 'hostile.q'), HOSTILE_VARIABLES)
    for (const format of ['json', 'text']) {
      const result = await run(['run', 'hostile.q', '--format', format], { cwd: dir })
      expect(result.stderr).not.toContain('CLI_INTERNAL')
      expect(result.code).toBe(0)
      if (format === 'json') {
        const printed = JSON.parse(result.stdout) as { result: unknown; logs: { context: unknown }[] }
        expect(printed.result).toEqual({ b: '1', self: '[Circular]' })
        expect(printed.logs[0]?.context).toEqual({ b: '1', self: '[Circular]' })
      } else expect(result.stdout).toBe('Result: {"b":"1","self":"[Circular]"}\n')
    }
  })

  it('reports a returned value nested too deeply as a coded error at its q:return (issue 19)', async () => {
    writeFileSync(join(dir, 'deep.q'), RETURNS_DEEP)
    const result = await run(['run', 'deep.q', '--format', 'json'], { cwd: dir })
    expect(result.code).toBe(1)
    expect(result.stdout).toBe('')
    // With --format json, the problem is JSON too.
    expect(JSON.parse(result.stderr.split('\n')[0] ?? '')).toEqual({
      error: {
        code: 'RUNTIME_LIMIT_EXCEEDED',
        message: 'cannot serialise a value nested deeper than 1000 levels',
        file: 'deep.q',
        line: 4,
        column: 3,
      },
    })
  })
})
