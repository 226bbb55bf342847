import { ErrorCodes } from '@quantum/ast'
import { describe, expect, it } from 'vitest'
import { check } from '../../src/index'

/**
 * Issue 19, item 10: a document with no root element parsed at about 0.1 ms per character (1 MB of text:
 * 106 s; 1 MB of NUL bytes: over 60 s), while the same text before a root element failed in 0.4 s.
 * Every case fails with one coded error in time linear in its length.
 */
const MB = 1024 * 1024

/** The one problem of `source`, and how long checking it took. */
function timedProblem(source: string) {
  const started = performance.now()
  const { diagnostics } = check(source, { file: 'noroot.q' })
  const ms = performance.now() - started
  expect(diagnostics).toHaveLength(1)
  return { problem: diagnostics[0], ms }
}

describe('a document with no root element', () => {
  it.each([
    ['1 MB of text', 'lorem ipsum '.repeat(MB / 12)],
    ['1 MB of NUL bytes', '\0'.repeat(MB)],
    ['1 MB of text around a comment', `${'a'.repeat(MB / 2)}<!-- c -->${'b'.repeat(MB / 2)}`],
  ])('%s fails with PARSE_XML within seconds', (_, source) => {
    const { problem, ms } = timedProblem(source)
    // Linear takes milliseconds; the quadratic scan took minutes.
    expect(ms).toBeLessThan(10_000)
    expect(problem?.code).toBe(ErrorCodes.PARSE_XML)
    expect(problem?.message).toBe('malformed XML: missing root element')
    expect(problem?.location).toMatch(/^noroot\.q:1:\d+$/)
  })

  it('1 MB of text before a root element fails as fast, quoting only the start of it', () => {
    const { problem, ms } = timedProblem(`${'a'.repeat(MB)}<q:component name="T"/>`)
    expect(ms).toBeLessThan(10_000)
    expect(problem?.code).toBe(ErrorCodes.PARSE_XML)
    expect(problem?.message).toMatch(/^malformed XML: Unexpected content outside root element: 'a+…$/)
    expect(problem?.message.length).toBeLessThan(300)
  })
})
