import { ErrorCodes } from '@quantum/ast'
import { describe, expect, it } from 'vitest'
import { check, MAX_PROBLEMS, problemCount } from '../../src/index'

/**
 * Issue 19, item 13: NUL bytes inside tags and attributes were accepted, though XML forbids them (and
 * every C0 control but tab, line feed and carriage return). Each is a coded problem at its position.
 */
const component = (body: string) => `<q:component name="T">\n${body}\n</q:component>`
const NOT_ALLOWED = 'malformed XML: the character U+0000 is not allowed in XML'

/** Every problem of `body` as `location message`. */
const problems = (body: string) =>
  check(component(body), { file: 'nul.q' }).diagnostics.map((d) => `${d.location} ${d.message}`)

describe('characters XML forbids', () => {
  it.each([
    ['an attribute value', '<q:set name="x" value="a\0b"/>', 25],
    ['an HTML attribute value', '<p class="a\0b">x</p>', 12],
    ['an attribute name', '<p a\0b="1"/>', 5],
    ['a tag name', '<p\0q/>', 3],
    ['the space inside a tag', '<p \0 a="1"/>', 4],
    ['an end tag', '<p>x</p\0>', 8],
    ['text', '<q:log>a\0b</q:log>', 9],
    ['a CDATA section', '<q:log><![CDATA[a\0b]]></q:log>', 18],
    ['a comment', '<!-- a\0b -->', 7],
  ])('a NUL in %s is PARSE_XML at the NUL', (_, body, column) => {
    const { diagnostics } = check(component(body), { file: 'nul.q' })
    expect(diagnostics.every((d) => d.code === ErrorCodes.PARSE_XML)).toBe(true)
    expect(problems(body)).toContain(`nul.q:2:${column} ${NOT_ALLOWED}`)
  })

  it('names other control characters, and leaves tab, line feed and carriage return alone', () => {
    expect(problems('<q:set name="x" value="a\u001Bb\u0008"/>')).toEqual([
      'nul.q:2:25 malformed XML: the character U+001B is not allowed in XML',
      'nul.q:2:27 malformed XML: the character U+0008 is not allowed in XML',
    ])
    expect(problems('<q:set name="x" value="a\tb\r\nc"/>')).toEqual([])
  })

  it('reports 1 MB of NUL bytes in an attribute as 100 problems and a count, in linear time', () => {
    const started = performance.now()
    const { diagnostics } = check(component(`<p title="${'\0'.repeat(1024 * 1024)}"/>`), { file: 'nul.q' })
    expect(performance.now() - started).toBeLessThan(10_000)
    expect(diagnostics).toHaveLength(MAX_PROBLEMS + 1)
    expect(problemCount(diagnostics)).toBe(1024 * 1024)
  })
})

describe('schedule intervals', () => {
  it.each(['1ms', '999ms', '0.5s'])('refuses interval="%s" at the attribute', (every) => {
    expect(
      check(component(`<q:schedule name="s" interval="${every}"><q:log>x</q:log></q:schedule>`), {
        file: 'nul.q',
      }).diagnostics.map((d) => `${d.location} ${d.code} ${d.message}`),
    ).toEqual([`nul.q:2:22 PARSE_INVALID_DURATION Interval must be at least 1s: ${every}`])
  })

  it('takes one second', () => {
    expect(
      check(component('<q:schedule name="s" interval="1s"><q:log>x</q:log></q:schedule>')).diagnostics,
    ).toEqual([])
  })
})
