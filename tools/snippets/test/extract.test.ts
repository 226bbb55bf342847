import { describe, expect, it } from 'vitest'
import { extractSnippets } from '../src/extract.js'

const md = (...lines: string[]) => lines.join('\n')

describe('extractSnippets', () => {
  it('takes ```ts and ```typescript blocks, with the line of their first code line', () => {
    const { snippets } = extractSnippets(
      md(
        '# Title',
        '',
        '```ts',
        'const a = 1',
        '```',
        '',
        '```typescript',
        'const b = 2',
        'const c = 3',
        '```',
      ),
      'README.md',
    )
    expect(snippets).toEqual([
      { file: 'README.md', line: 4, indent: 0, code: 'const a = 1' },
      { file: 'README.md', line: 8, indent: 0, code: 'const b = 2\nconst c = 3' },
    ])
  })

  it('leaves other languages, and fences inside a longer fence, alone', () => {
    const { snippets } = extractSnippets(
      md(
        '```sh',
        'pnpm test',
        '```',
        '````md',
        '```ts',
        'not code',
        '```',
        '````',
        '~~~xml',
        '<q:x/>',
        '~~~',
      ),
      'docs/a.md',
    )
    expect(snippets).toEqual([])
  })

  it('removes a list item indentation and remembers it for columns', () => {
    const { snippets } = extractSnippets(
      md('1. Do this:', '   ```ts', '   const a = 1', '   ```'),
      'README.md',
    )
    expect(snippets).toEqual([{ file: 'README.md', line: 3, indent: 3, code: 'const a = 1' }])
  })

  it('reads the not-checked marker on the last non-blank line before a block', () => {
    const { snippets, problems } = extractSnippets(
      md('<!-- snippet: not-checked, continues the block above -->', '', '```ts', 'a.b()', '```'),
      'README.md',
    )
    expect(snippets[0]?.notChecked).toBe('continues the block above')
    expect(problems).toEqual([])
  })

  it('refuses a marker without a reason', () => {
    const { snippets, problems } = extractSnippets(
      md('text', '<!-- snippet: not-checked -->', '```ts', 'a.b()', '```'),
      'x/README.md',
    )
    expect(snippets[0]?.notChecked).toBeUndefined()
    expect(problems).toEqual([
      {
        file: 'x/README.md',
        line: 2,
        message: 'a not-checked snippet needs a reason: <!-- snippet: not-checked, why -->',
      },
    ])
  })
})
