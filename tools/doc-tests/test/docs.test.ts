import { describe, expect, it } from 'vitest'
import { blocksOf, markdownPages } from './markdown'
import { describeMismatch, runnable, runPage } from './pageRun'

/**
 * Every command a page shows with its output (a ```console block) is run, page by page in a fresh
 * sandbox, and its output compared with what the page shows. `UPDATE_DOCS=1` rewrites the shown output
 * from the real runs instead (then review the diff), for after a change to what the CLI prints.
 */

const update = process.env.UPDATE_DOCS === '1'
const pages = markdownPages().filter((page) => blocksOf(page).some(runnable))

describe('the commands the docs show', () => {
  it('are found in the pages that show them', () => {
    expect(pages).toEqual(expect.arrayContaining(['packages/cli/README.md', 'examples/README.md']))
  })

  for (const page of pages) {
    it(`print what ${page} shows`, { timeout: 600_000 }, async () => {
      const mismatches = await runPage(page, update)
      if (mismatches.length > 0 && !update) {
        throw new Error(
          `${mismatches.length} shown output(s) differ (UPDATE_DOCS=1 rewrites them):\n\n${mismatches.map(describeMismatch).join('\n\n')}`,
        )
      }
    })
  }
})
