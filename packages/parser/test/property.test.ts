import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ParseError, QuantumError, ValidationError } from '@quantum/ast'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { check, MAX_PROBLEMS, parse } from '../src/index'

const fixtures = new URL('./fixtures/', import.meta.url).pathname
const seeds = new URL('../../../examples/seed/', import.meta.url).pathname
const corpus = [
  ...readdirSync(fixtures)
    .filter((name) => existsSync(join(fixtures, name, 'input.q')))
    .map((name) => readFileSync(join(fixtures, name, 'input.q'), 'utf8')),
  ...readdirSync(seeds).map((name) => readFileSync(join(seeds, name), 'utf8')),
]

/** Only coded Quantum parse/validation errors may come out of `parse`; `check` never throws. */
function assertOnlyQuantumErrors(source: string) {
  expect(() => check(source)).not.toThrow()
  try {
    const document = parse(source, { file: 'fuzz.q' })
    expect(JSON.parse(JSON.stringify(document))).toEqual(document)
  } catch (error) {
    expect(error instanceof ParseError || error instanceof ValidationError).toBe(true)
    const quantum = error as QuantumError
    expect(QuantumError.is(quantum)).toBe(true)
    expect(quantum.code).toMatch(/^[A-Z_]+$/)
    for (const inner of quantum.errors ?? [quantum]) {
      expect(inner instanceof ParseError || inner instanceof ValidationError).toBe(true)
      // Every problem is located: file:line:col, 1-based, within the source.
      expect(inner.file).toBe('fuzz.q')
      expect(inner.position?.start.line).toBeGreaterThanOrEqual(1)
      expect(inner.position?.start.column).toBeGreaterThanOrEqual(1)
      expect(inner.position?.start.line).toBeLessThanOrEqual(source.split('\n').length)
    }
  }
}

const FRAGMENTS = [
  '<',
  '>',
  '/>',
  '</',
  '<q:',
  '<q:set ',
  '<q:if condition="',
  '<q:else/>',
  '<q:loop ',
  '</q:if>',
  '</q:component>',
  '{',
  '}',
  '{a.b}',
  '{x ==',
  '"',
  "'",
  '=',
  '&',
  '&amp;',
  '&#x41;',
  '<![CDATA[',
  ']]>',
  '<!--',
  '-->',
  ' name="x"',
  ' cron="',
  ' interval="',
  ' at="',
  '*/5',
  '-1',
  '0',
  '1h',
  '\n',
  '  ',
  'text',
  'thread.a-b',
  '(',
  ')',
  '[',
  ']',
]

describe('bad input never throws anything but ParseError/ValidationError', () => {
  it('random text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), assertOnlyQuantumErrors), { numRuns: 300 })
  })

  it('random markup-ish fragments', () => {
    const markup = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 40 }).map((parts) => parts.join(''))
    fc.assert(fc.property(markup, assertOnlyQuantumErrors), { numRuns: 500 })
  })

  it('mutated real documents (delete, insert, replace, truncate)', () => {
    const mutation = fc.record({
      doc: fc.integer({ min: 0, max: corpus.length - 1 }),
      at: fc.nat(),
      length: fc.integer({ min: 0, max: 20 }),
      insert: fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 8 })),
      truncate: fc.boolean(),
    })
    fc.assert(
      fc.property(mutation, ({ doc, at, length, insert, truncate }) => {
        const source = corpus[doc] as string
        const where = at % (source.length + 1)
        const mutated = truncate
          ? source.slice(0, where)
          : source.slice(0, where) + insert + source.slice(where + length)
        assertOnlyQuantumErrors(mutated)
      }),
      { numRuns: 1500 },
    )
  })
})

/** Repeats of a unit, joined: the shapes hostile documents are made of, at sizes that stay quick. */
const repeated = (units: readonly string[], max: number) =>
  fc
    .record({ unit: fc.constantFrom(...units), count: fc.integer({ min: 0, max }) })
    .map(({ unit, count }) => unit.repeat(count))

const HOSTILE: fc.Arbitrary<string> = fc.oneof(
  // Deep nesting of HTML, q: tags and <script>, closed or not.
  fc
    .record({
      open: fc.constantFrom('<div>', '<script>', '<q:if condition="a">', '<q:loop var="i" items="{x}">'),
      depth: fc.integer({ min: 0, max: 2_000 }),
      closed: fc.boolean(),
    })
    .map(({ open, depth, closed }) => {
      const close = `</${/^<([\w:]+)/.exec(open)?.[1]}>`
      return `${open.repeat(depth)}x${closed ? close.repeat(depth) : ''}`
    }),
  // Raw < and & in text, unknown tags, duplicated q:else.
  repeated(['<', '< ', '<<', '&', '<q:foo/>', '<q:else/>', '</p>', '<!--', '{', '{x +}'], 3_000),
  // One element with many attributes (q: or not), possibly repeated names.
  fc
    .record({
      tag: fc.constantFrom('p', 'q:set', 'q:log'),
      count: fc.integer({ min: 0, max: 3_000 }),
      same: fc.boolean(),
    })
    .map(
      ({ tag, count, same }) =>
        `<${tag} ${Array.from({ length: count }, (_, i) => `${same ? 'a' : `a${i}`}="{x}"`).join(' ')}/>`,
    ),
  // Long chains and deep nesting inside one expression, in a value or a condition.
  fc
    .record({
      unit: fc.constantFrom('1+', 'a and ', 'a.', 'a[0]', '(', '-', '[', 'a ? 1 : ', '{a} and '),
      count: fc.integer({ min: 0, max: 3_000 }),
      where: fc.constantFrom('value', 'condition'),
    })
    .map(({ unit, count, where }) =>
      where === 'value'
        ? `<q:set name="x" value="{${unit.repeat(count)}1}"/>`
        : `<q:if condition="${unit.repeat(count)}1">x</q:if>`,
    ),
  // Names that must not become variables.
  fc
    .string({ maxLength: 20 })
    .map(
      (name) =>
        `<q:set name="${name.replace(/["<&]/g, '')}" value="1"/><q:loop var="${name.replace(/["<&]/g, '')}" items="{x}"/>`,
    ),
)

describe('hostile input (issue 7)', () => {
  it('check never throws and lists at most the cap of problems and one summary', () => {
    const documents = fc
      .array(HOSTILE, { minLength: 1, maxLength: 3 })
      .map((parts) => `<q:component name="H">${parts.join('\n')}</q:component>`)
    fc.assert(
      fc.property(documents, (source) => {
        const { diagnostics } = check(source)
        expect(diagnostics.length).toBeLessThanOrEqual(MAX_PROBLEMS + 1)
        for (const diagnostic of diagnostics) {
          expect(diagnostic.code).toMatch(/^PARSE_[A-Z_]+$/)
          expect(diagnostic.position?.start.line).toBeGreaterThanOrEqual(1)
        }
      }),
      { numRuns: 150 },
    )
  })
})
