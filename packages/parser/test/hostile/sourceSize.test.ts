import { ErrorCodes } from '@quantum/ast'
import { describe, expect, it } from 'vitest'
import { check, MAX_SOURCE_BYTES, parse } from '../../src/index'

/**
 * Issue 19, item 4: `check` of a 75 MB file ran 83 s and aborted with a heap OOM (50 MB took 3.5 GB),
 * and a worker parses every file of its app folders. A source over `maxSourceBytes` is refused at once.
 */
const MB = 1024 * 1024
const component = (body: string) => `<q:component name="T">\n${body}\n</q:component>`

/** Peak resident memory of this process so far, in bytes. */
const maxRss = () => process.resourceUsage().maxRSS * 1024

describe('source size', () => {
  it('refuses a 75 MB source at once, naming the file, without parsing it', () => {
    const source = component('<q:log>x</q:log>\n'.repeat((75 * MB) / 17))
    // Flatten the concatenation now, so that its 75 MB are not counted as the check's.
    expect(source.indexOf('</q:component>')).toBeGreaterThan(0)
    const peakBefore = maxRss()
    const started = performance.now()
    const { document, diagnostics } = check(source, { file: 'huge.q' })
    // It used to take 83 s and several GB; counting the bytes takes well under a second.
    expect(performance.now() - started).toBeLessThan(5_000)
    expect(maxRss() - peakBefore).toBeLessThan(64 * MB)
    expect(document).toBeUndefined()
    expect(diagnostics).toHaveLength(1)
    const [error] = diagnostics
    expect(error?.code).toBe(ErrorCodes.PARSE_SOURCE_TOO_LARGE)
    expect(error?.file).toBe('huge.q')
    expect(error?.message).toBe(
      `the source is ${source.length} bytes, over the limit of ${MAX_SOURCE_BYTES} bytes (maxSourceBytes)`,
    )
    expect(() => parse(source)).toThrow(expect.objectContaining({ code: ErrorCodes.PARSE_SOURCE_TOO_LARGE }))
  })

  it('takes a source of exactly the limit, and counts UTF-8 bytes, not characters', () => {
    const source = component('<q:log>é</q:log>')
    const bytes = Buffer.byteLength(source)
    expect(check(source, { maxSourceBytes: bytes }).diagnostics).toEqual([])
    const [error] = check(source, { maxSourceBytes: bytes - 1 }).diagnostics
    expect(error?.code).toBe(ErrorCodes.PARSE_SOURCE_TOO_LARGE)
    expect(error?.message).toBe(
      `the source is ${bytes} bytes, over the limit of ${bytes - 1} bytes (maxSourceBytes)`,
    )
    expect(error?.details).toEqual({ bytes, maxSourceBytes: bytes - 1 })
  })

  it('counts a character outside the BMP as four bytes', () => {
    const source = component('<q:log>😀</q:log>')
    const bytes = Buffer.byteLength(source)
    expect(check(source, { maxSourceBytes: bytes }).diagnostics).toEqual([])
    expect(check(source, { maxSourceBytes: bytes - 1 }).diagnostics[0]?.code).toBe(
      ErrorCodes.PARSE_SOURCE_TOO_LARGE,
    )
  })
})
