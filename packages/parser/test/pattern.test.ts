import { describe, expect, it } from 'vitest'
import { check, parse } from '../src/index'

const diagnostics = (pattern: string) =>
  check(
    `<q:component name="T">\n  <q:set name="x" value="a" pattern="${pattern}"/>\n</q:component>`,
  ).diagnostics.map((d) => `${d.location} ${d.code} ${d.message}`)

describe('q:set pattern (checked with the engine that runs it, RE2)', () => {
  it('keeps a pattern RE2 runs, however it would backtrack in JavaScript', () => {
    const document = parse(
      '<q:component name="T"><q:set name="x" value="a" pattern="^(a+)+$"/></q:component>',
    )
    expect(document.component.body[0]).toMatchObject({ validation: { pattern: '^(a+)+$' } })
  })

  it('names lookaround and backreferences as unsupported, at the attribute', () => {
    const unsupported = 'which patterns do not support: they run on RE2, a linear-time engine'
    expect(diagnostics('^(?=a)')).toEqual([
      `2:29 PARSE_INVALID_VALUE Set pattern ^(?=a) uses lookahead ((?=…), (?!…)), ${unsupported}`,
    ])
    expect(diagnostics('(?&lt;!a)b')).toEqual([
      `2:29 PARSE_INVALID_VALUE Set pattern (?<!a)b uses lookbehind ((?<=…), (?<!…)), ${unsupported}`,
    ])
    expect(diagnostics('(a)\\1')).toEqual([
      `2:29 PARSE_INVALID_VALUE Set pattern (a)\\1 uses backreferences (\\1, \\k<name>), ${unsupported}`,
    ])
  })

  it('reports a malformed pattern with the reason', () => {
    expect(diagnostics('[a')).toEqual([
      '2:29 PARSE_INVALID_VALUE Set pattern [a is not a valid regular expression: missing closing ]: `[a`',
    ])
  })
})
