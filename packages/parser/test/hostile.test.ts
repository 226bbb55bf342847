import { ErrorCodes, type QuantumError } from '@quantum/ast'
import { describe, expect, it } from 'vitest'
import { check, MAX_PROBLEMS, parse, problemCount } from '../src/index'
import { growth } from './support/growth'

/**
 * Issue 7: one worker hosts hundreds of documents for hours, so a malformed or hostile `.q` file must
 * never crash it, stall it or blow up its memory. Each case gives coded, located problems (at most
 * {@link MAX_PROBLEMS} and a count of the rest) in time that grows linearly with the input.
 */
const component = (body: string) => `<q:component name="T">\n${body}\n</q:component>`
const lines = (diagnostics: readonly QuantumError[]) =>
  diagnostics.map((d) => `${d.location} ${d.code} ${d.message}`)

/** The check of `source`, which must not throw and must list at most the cap and one summary. */
function checked(source: string) {
  const result = check(source, { file: 'hostile.q' })
  expect(result.diagnostics.length).toBeLessThanOrEqual(MAX_PROBLEMS + 1)
  for (const diagnostic of result.diagnostics) {
    expect(diagnostic.file).toBe('hostile.q')
    expect(diagnostic.position?.start.line).toBeGreaterThan(0)
  }
  return result
}

/**
 * Linear: eight times the input costs 8 to 15 times the CPU (GC included), once 33 on a saturated
 * machine; quadratic costs 64.
 */
const LINEAR = 44

describe('too many problems', () => {
  const rawLessThans = (n: number) => component(`<p>${'<'.repeat(n)}</p>`)

  it('lists the first 100 of 130,000 raw < and counts the rest, at the first one left out', () => {
    const { diagnostics } = checked(rawLessThans(130_000))
    expect(diagnostics).toHaveLength(MAX_PROBLEMS + 1)
    expect(diagnostics.slice(0, MAX_PROBLEMS).every((d) => d.code === ErrorCodes.PARSE_XML)).toBe(true)
    const more = diagnostics[MAX_PROBLEMS] as QuantumError
    expect(more.code).toBe(ErrorCodes.PARSE_TOO_MANY_PROBLEMS)
    expect(more.message).toBe('and 129900 more problems from here on (only the first 100 are listed)')
    expect(more.details).toEqual({ omitted: 129_900 })
    // `<p>` is at 2:1, so the n-th `<` is at column 3 + n: the 101st is the first left out.
    expect(diagnostics[MAX_PROBLEMS - 1]?.location).toBe('hostile.q:2:103')
    expect(more.location).toBe('hostile.q:2:104')
    expect(problemCount(diagnostics)).toBe(130_000)
  })

  it('takes time linear in the number of problems', () => {
    expect(growth((n) => check(rawLessThans(n)), 2_000)).toBeLessThan(LINEAR)
    expect(growth((n) => check(component('<q:foo/>\n'.repeat(n))), 2_000)).toBeLessThan(LINEAR)
  })

  it('keeps the first problems in source order, whatever order they are found in', () => {
    // Content after the root is found first, before any tag is read; it is one of those left out.
    const source = `${component('<q:foo/>\n'.repeat(MAX_PROBLEMS + 1))}\ntrailing`
    const { diagnostics } = checked(source)
    expect(diagnostics.slice(-2).map((d) => `${d.location} ${d.code}`)).toEqual([
      'hostile.q:101:1 PARSE_UNKNOWN_TAG',
      'hostile.q:102:1 PARSE_TOO_MANY_PROBLEMS',
    ])
    expect(diagnostics.at(-1)?.message).toBe(
      'and 2 more problems from here on (only the first 100 are listed)',
    )
  })

  it('parse() says how many problems there are in all', () => {
    expect(() => parse(rawLessThans(1_000))).toThrow(/^1000 problems in the document:\n/)
  })
})

describe('attributes', () => {
  const attributes = (n: number, tag = 'p') =>
    component(`<${tag} ${Array.from({ length: n }, (_, i) => `a${i}="{x}"`).join(' ')}/>`)

  it('checks an element with 100,000 attributes in linear time', () => {
    const started = process.cpuUsage()
    const { diagnostics } = checked(attributes(100_000))
    // The quadratic lookup took 30 s of CPU here; linear takes about one (CPU time: a busy machine does not count).
    const used = process.cpuUsage(started)
    expect((used.user + used.system) / 1000).toBeLessThan(10_000)
    expect(diagnostics).toEqual([])
    expect(growth((n) => check(attributes(n)), 2_000)).toBeLessThan(LINEAR)
  })

  it('reports 100,000 unknown attributes of a q: tag as 100 and a count', () => {
    const { diagnostics } = checked(attributes(100_000, 'q:log'))
    expect(diagnostics.at(-1)?.code).toBe(ErrorCodes.PARSE_TOO_MANY_PROBLEMS)
    expect(problemCount(diagnostics)).toBe(100_001)
  })
})

describe('expression depth', () => {
  const set = (expression: string) => component(`<q:set name="x" value="{${expression}}"/>`)
  const chain = (n: number) => Array.from({ length: n }, () => '1').join('+')

  it.each([
    ['4,000 chained + terms', chain(4_000)],
    ['100,000 chained + terms', chain(100_000)],
    ['100,000 chained and terms', Array.from({ length: 100_000 }, () => 'a').join(' and ')],
    ['100,000 member accesses', `a${'.b'.repeat(100_000)}`],
    ['100,000 indexes', `a${'[0]'.repeat(100_000)}`],
  ])('reports %s where the expression starts', (_, expression) => {
    expect(lines(checked(set(expression)).diagnostics)).toEqual([
      expect.stringMatching(
        /^hostile\.q:2:25 PARSE_EXPRESSION expression ".*" is nested too deeply; at most 100 levels, counting each operator of a chain/,
      ),
    ])
  })

  it.each([
    ['4,000 nested parentheses', `${'('.repeat(4_000)}1${')'.repeat(4_000)}`],
    ['100,000 prefix minus signs', `${'-'.repeat(100_000)}1`],
    ['100,000 nested arrays', `${'['.repeat(100_000)}${']'.repeat(100_000)}`],
    ['100,000 nested ternaries', `${'a ? 1 : '.repeat(100_000)}2`],
  ])('reports %s at the level past the limit', (_, expression) => {
    expect(lines(checked(set(expression)).diagnostics)).toEqual([
      expect.stringMatching(
        /^hostile\.q:2:\d+ PARSE_EXPRESSION expression ".*" is nested too deeply; at most 100 levels$/,
      ),
    ])
  })

  it('a chain in a condition counts as one expression', () => {
    const condition = Array.from({ length: 1_000 }, () => '{a}').join(' and ')
    expect(checked(component(`<q:if condition="${condition}">x</q:if>`)).diagnostics[0]?.code).toBe(
      ErrorCodes.PARSE_EXPRESSION,
    )
  })

  it('rejects long chains in linear time', () => {
    expect(growth((n) => check(set(chain(n))), 10_000)).toBeLessThan(LINEAR)
  })
})

describe('deep and wide documents', () => {
  it('reports tags nested too deeply inside <script>, which is read without databinding', () => {
    const scripts = (n: number) => component(`${'<script>'.repeat(n)}x${'</script>'.repeat(n)}`)
    expect(lines(checked(scripts(50_000)).diagnostics)).toEqual([
      'hostile.q:2:2049 PARSE_INVALID_STRUCTURE tags nested deeper than 256',
    ])
  })

  it('reads a mail body with many elements, comments and expressions in linear time', () => {
    const mail = (n: number) =>
      component(`<q:mail to="a@b.c" subject="s">${'<b>{x}</b><!-- c -->'.repeat(n)}</q:mail>`)
    expect(checked(mail(1_000)).diagnostics).toEqual([])
    expect(growth((n) => check(mail(n)), 2_000)).toBeLessThan(LINEAR)
  })
})

describe('names that become variables', () => {
  const problems = (body: string) => checked(component(body)).diagnostics.map((d) => `${d.code} ${d.message}`)

  it.each([
    '__proto__.x',
    'a b',
    '{x}',
    'x..y',
    'x.',
    '.x',
    '1x',
    'a.constructor',
    'prototype',
    'and',
    'true',
  ])('rejects q:set name="%s" at parse time', (name) => {
    const [problem, ...rest] = checked(component(`<q:set name="${name}" value="1"/>`)).diagnostics
    expect(rest).toEqual([])
    expect(problem?.code).toBe(ErrorCodes.PARSE_INVALID_NAME)
    // At the attribute, not the tag.
    expect(problem?.location).toBe('hostile.q:2:8')
    expect(problem?.message).toMatch(
      /; a name is letters, digits and _, not starting with a digit, joined by dots for a scope or a property \(session\.user\.name\)$/,
    )
  })

  it('says what is wrong with the name', () => {
    expect(problems('<q:set name="__proto__.x" value="1"/><q:set name="x..y" value="1"/>')).toEqual([
      expect.stringMatching(
        /^PARSE_INVALID_NAME Set name "__proto__\.x" is not a variable name: "__proto__" is reserved \(so are constructor and prototype\); a name is/,
      ),
      expect.stringMatching(
        /^PARSE_INVALID_NAME Set name "x\.\.y" is not a variable name: it has an empty part between dots; a name is/,
      ),
    ])
    expect(problems('<q:set name="a b" value="1"/>')).toEqual([
      expect.stringMatching(/^PARSE_INVALID_NAME Set name "a b" is not a variable name; a name is/),
    ])
  })

  it('accepts identifiers joined by dots, with or without a scope', () => {
    const body = ['x', '_a1', 'order.status', 'session.user.name', 'component.total', 'Items_2.x_y']
      .map((name) => `<q:set name="${name}" value="1"/>`)
      .join('')
    expect(problems(body)).toEqual([])
  })

  it.each([
    ['q:loop var', '<q:loop var="a b" from="1" to="2">x</q:loop>'],
    ['q:loop item', '<q:loop item="a-b" items="{xs}">x</q:loop>'],
    ['q:loop index', '<q:loop var="i" index="__proto__" items="{xs}">x</q:loop>'],
    ['q:query name', '<q:query name="rows!">SELECT 1</q:query>'],
    ['q:query result', '<q:query name="rows" result="meta.">SELECT 1</q:query>'],
    ['q:data name', '<q:data name="{d}" source="{xs}"/>'],
    ['q:invoke name', '<q:invoke name="r r" function="f"/>'],
    ['q:invoke result', '<q:invoke result="constructor" function="f"/>'],
    ['q:catch var', '<q:try>x<q:catch var="e.">y</q:catch></q:try>'],
    ['q:function name', '<q:function name="a.b">x</q:function>'],
    ['q:function param name', '<q:function name="f"><q:param name="a.b"/>x</q:function>'],
    ['q:job param name', '<q:job name="j"><q:param name="to-do"/><q:log>x</q:log></q:job>'],
    ['q:action param name', '<q:action name="a"><q:param name="x y"/>x</q:action>'],
    ['q:component param name', '<q:param name="prototype"/>'],
  ])('applies the rule to %s', (_, body) => {
    expect(problems(body)).toEqual([expect.stringMatching(/^PARSE_INVALID_NAME /)])
  })

  it('leaves names that are not variables alone', () => {
    const body = [
      '<q:invoke url="http://x"><q:param name="api-key" value="1"/><q:header name="X-Id" value="1"/></q:invoke>',
      '<q:job name="send-mail" action="dispatch"><q:param name="to-do" value="1"/></q:job>',
      '<q:thread name="data-processor">x</q:thread>',
    ].join('')
    expect(problems(body)).toEqual([])
  })
})
