import { describe, expect, it } from 'vitest'
import { type Block, blocksOf, markdownPages, stepsOf, where } from './markdown'

/**
 * No page shows a command's output in a block the doc tests do not run: output is shown in ```console
 * blocks (`$ command` lines, each followed by its output), and a console block the tests cannot run
 * says why in a `<!-- doc-test: not run: REASON -->` comment, listed here so the list stays short.
 */

const blocks = markdownPages().flatMap((page) => blocksOf(page))

/** The console blocks that are not run (by page and first command), and why. */
const NOT_RUN: Record<string, string> = {
  'docs/monitoring.md $ curl -s http://127.0.0.1:9464/health':
    "needs a live worker on a fixed port; tools/doc-tests/test/monitoring.test.ts checks this body against a real worker's",
}

/** Lines only the quantum command prints: a block holding one shows output. */
const CLI_OUTPUT =
  /^(Starting worker\.\.\.|Worker stopped|Stopping worker|Result: |Job (queued|completed|paused|resumed|deleted|dispatched|cancelled)\b|No (jobs|history|queues) found|(error|warning) [A-Z_]+: |ok \S+\.q$|\d{4}-\d\d-\d\d \d\d:\d\d:\d\d )/

/** Whether a block other than ```console shows a command with its output. */
function showsOutput(block: Block): boolean {
  const first = block.lines.find((line) => line.trim() !== '')
  return first?.startsWith('$ ') === true || block.lines.some((line) => CLI_OUTPUT.test(line.trim()))
}

describe('shown output', () => {
  it('is only ever in console blocks', () => {
    const elsewhere = blocks.filter(
      (block) => block.lang !== 'console' && block.lang !== 'xml' && showsOutput(block),
    )
    expect(elsewhere.map(where)).toEqual([])
  })

  it('is shown under the command that prints it', () => {
    const consoles = blocks.filter((block) => block.lang === 'console')
    expect(consoles.length).toBeGreaterThan(5)
    for (const block of consoles) expect(() => stepsOf(block), where(block)).not.toThrow()
  })

  it('is run unless the page says why not, and the reasons are the known ones', () => {
    const notRun = Object.fromEntries(
      blocks.flatMap((block) =>
        block.lang === 'console' && block.directive?.kind === 'not run'
          ? [[`${block.page} $ ${stepsOf(block)[0]?.command}`, block.directive.reason]]
          : [],
      ),
    )
    expect(notRun).toEqual(NOT_RUN)
  })

  it('has files (a "file NAME" directive) only on blocks that are not console blocks', () => {
    const misplaced = blocks.filter((block) => block.directive?.kind === 'file' && block.lang === 'console')
    expect(misplaced.map(where)).toEqual([])
  })
})
