import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { checkSnippets } from '../src/check.js'

const packageDir = fileURLToPath(new URL('..', import.meta.url))
let root: string

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'quantum-snippets-'))
  mkdirSync(join(root, 'docs'))
})
afterEach(() => rmSync(root, { recursive: true, force: true }))

const write = (file: string, ...lines: string[]) => writeFileSync(join(root, file), lines.join('\n'))

describe('checkSnippets', () => {
  it('reports a type error at its line and column in the Markdown file', () => {
    write('README.md', '# Demo', '', '- Use it:', '  ```ts', "  const n: number = 'one'", '  ```')
    const report = checkSnippets(root, ['README.md'], packageDir)
    expect(report.checked).toHaveLength(1)
    expect(report.problems).toEqual([
      "README.md:5:9 TS2322 Type 'string' is not assignable to type 'number'.",
    ])
  })

  it('checks against the built workspace packages, in strict mode', () => {
    write(
      'docs/time.md',
      '```typescript',
      "import { checkTimeValue } from '@quantum/time'",
      "const result = checkTimeValue('duration', '1.5m')",
      'const ms: number = result.value',
      '```',
    )
    const { problems } = checkSnippets(root, ['docs/time.md'], packageDir)
    expect(problems).toHaveLength(1)
    // `value` exists only once `ok` is narrowed to true: the built .d.ts's union, seen by a user.
    expect(problems[0]).toMatch(/^docs\/time\.md:4:27 TS2339 Property 'value' does not exist/)
  })

  it('compiles each snippet as its own module, and passes good ones', () => {
    write('README.md', '```ts', 'const a = 1', 'console.log(a)', '```', '', '```ts', "const a = 'x'", '```')
    expect(checkSnippets(root, ['README.md'], packageDir).problems).toEqual([])
  })

  it('lists snippets marked not-checked and does not compile them', () => {
    write(
      'README.md',
      '<!-- snippet: not-checked, the second half of the example above -->',
      '```ts',
      'worker.stop()',
      '```',
    )
    const report = checkSnippets(root, ['README.md'], packageDir)
    expect(report.problems).toEqual([])
    expect(report.checked).toEqual([])
    expect(report.notChecked.map((snippet) => [snippet.line, snippet.notChecked])).toEqual([
      [3, 'the second half of the example above'],
    ])
  })
})
