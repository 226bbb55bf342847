import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { checkSnippets } from '../src/check.js'
import { findMarkdown } from '../src/find.js'

const packageDir = fileURLToPath(new URL('..', import.meta.url))
const root = fileURLToPath(new URL('../../..', import.meta.url))

describe("the repository's snippets", () => {
  it('finds the READMEs of the root, the packages and the apps, and the pages of docs/', () => {
    const files = findMarkdown(root)
    expect(files).toEqual(
      expect.arrayContaining(['README.md', 'packages/queue/README.md', 'apps/worker/README.md']),
    )
    expect(files.some((file) => file.startsWith('docs/'))).toBe(true)
    expect(files.filter((file) => file.includes('node_modules'))).toEqual([])
  })

  it('all type-check against the built packages', { timeout: 120_000 }, () => {
    const report = checkSnippets(root, findMarkdown(root), packageDir)
    for (const snippet of report.notChecked) {
      console.log(`not checked: ${snippet.file}:${snippet.line} (${snippet.notChecked})`)
    }
    expect(report.checked.length).toBeGreaterThan(0)
    expect(report.problems.join('\n')).toBe('')
    // Partial snippets are the exception: a reader copies the others as they are.
    expect(report.notChecked.length).toBeLessThanOrEqual(5)
  })
})
