import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ParseError, QuantumError, ValidationError } from '@quantum/ast'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { check, parse } from '../src/index'

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
