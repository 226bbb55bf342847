import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { run } from './run'

/**
 * Issue 7: the CLI's output for a file with thousands of problems stays bounded: the parser lists
 * 100 and counts the rest, and problems on one line share one code frame.
 */
const PROBLEMS = 10_000
const ONE_LINE = `<q:component name="T">${'<q:foo/>'.repeat(PROBLEMS)}</q:component>\n`
const MANY_LINES = `<q:component name="T">\n${'<q:foo/>\n'.repeat(PROBLEMS)}</q:component>\n`

let dir: string

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'quantum-cli-hostile-'))
  writeFileSync(join(dir, 'one-line.q'), ONE_LINE)
  writeFileSync(join(dir, 'many-lines.q'), MANY_LINES)
})

afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

const heads = (output: string, file: string) =>
  output.split('\n').filter((line) => line.startsWith(`${file}:`))
const frames = (output: string) => output.split('\n').filter((line) => line.startsWith('>> '))

describe('quantum check on a file with 10,000 problems', () => {
  it('on one line: 100 problems, the count of the rest, and one code frame', async () => {
    const result = await run(['check', 'one-line.q'], { cwd: dir })
    expect(result.code).toBe(1)
    const listed = heads(result.stdout, 'one-line.q')
    expect(listed).toHaveLength(101)
    expect(listed[100]).toBe(
      'one-line.q:1:823: error PARSE_TOO_MANY_PROBLEMS: and 9900 more problems from here on (only the first 100 are listed)',
    )
    expect(frames(result.stdout)).toHaveLength(1)
    // The line is printed once, under 101 heads of a few hundred characters each (one frame per
    // problem would print it 10,000 times).
    expect(result.stdout.length).toBeLessThan(ONE_LINE.length + 101 * 500)
    expect(result.stderr).toBe('10000 problems in 1 file\n')
  })

  it('on many lines: one frame per line at fault, 101 in all', async () => {
    const result = await run(['check', 'many-lines.q'], { cwd: dir })
    expect(heads(result.stdout, 'many-lines.q')).toHaveLength(101)
    expect(frames(result.stdout)).toHaveLength(101)
    expect(result.stdout).toContain(
      [
        'many-lines.q:102:1: error PARSE_TOO_MANY_PROBLEMS: and 9900 more problems from here on (only the first 100 are listed)',
        '   101| <q:foo/>',
        '>> 102| <q:foo/>',
      ].join('\n'),
    )
    // A head and a four-line frame for each listed problem, and the final newline.
    expect(result.stdout.split('\n').length).toBeLessThanOrEqual(101 * 5 + 1)
    expect(result.stderr).toBe('10000 problems in 1 file\n')
  })

  it('quantum run prints the same bounded report and runs nothing', async () => {
    const result = await run(['run', 'one-line.q'], { cwd: dir })
    expect(result.code).toBe(1)
    expect(result.stdout).toBe('')
    expect(heads(result.stderr, 'one-line.q')).toHaveLength(101)
    expect(frames(result.stderr)).toHaveLength(1)
  })
})
