import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Document, QuantumError } from '@quantum/ast'
import { parse } from '@quantum/parser'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRuntime, type Limits, type Runtime } from '../../src/index'
import { createDatasources, createMailer } from '../../src/services'
import { RecordingJobs, RecordingSchedules } from '../support/jobServices'

const examples = new URL('../../../../examples/', import.meta.url).pathname
const corpus = [
  ...readdirSync(examples)
    .filter((name) => name.endsWith('.q'))
    .map((name) => readFileSync(join(examples, name), 'utf8')),
  ...readdirSync(join(examples, 'seed')).map((name) => readFileSync(join(examples, 'seed', name), 'utf8')),
]

/** Tight bounds: a mutation that runs away must end on a limit, quickly, never take the process down. */
const LIMITS: Partial<Limits> = {
  maxSteps: 20_000,
  maxWallTimeMs: 1_000,
  maxOutput: 20_000,
  maxValueLength: 20_000,
  maxCallDepth: 40,
}

/** What mutations put into attribute values and text: values, expressions, and ways to grow them. */
const VALUES = [
  '{s}{s}',
  "{s.split('')}",
  '{str([a, a])}',
  '{toJson(a)}',
  "{s.replace('a', '$&$&')}",
  '{x * 10}',
  '{undefinedName + 1}',
  '{1 / 0}',
  '{[1, [2, [3]]]}',
  '{fromJson(\'{"a":1}\')}',
  '{len(s)}',
  '-1',
  '0',
  '1e308',
  '99999999999',
  '0.5s',
  '1ms',
  'true',
  'on',
  '',
  ' ',
  '^(a+)+$',
  '1000000',
  'x..y',
  '{a.b.c.d}',
  '{thread.t.result}',
  "{formatNumber(1, '0.' + '0')}",
]

/** Statements spliced in at random places (a body may run them, or the parser rejects them). */
const STATEMENTS = [
  '<q:set name="s" value="{s}{s}"/>',
  '<q:set name="a" value="{[a, a]}"/>',
  '<q:loop type="range" var="i" from="1" to="40"><q:set name="s" value="{s}{s}"/></q:loop>',
  '<q:set name="list" operation="append" value="{i}"/>',
  '<q:set name="list" operation="unique"/>',
  '<q:log message="{s}"/>',
  '<q:dump var="{a}" depth="3"/>',
  '<q:sleep duration="5ms"/>',
  '<q:throw message="boom"/>',
  '<q:return value="{a}"/>',
  '<q:query name="r" datasource="db">SELECT 1 AS n</q:query>',
]

const mutation = fc.record({
  doc: fc.integer({ min: 0, max: corpus.length - 1 }),
  edits: fc.array(
    fc.record({
      at: fc.nat(),
      kind: fc.constantFrom('value', 'statement'),
      value: fc.constantFrom(...VALUES),
      statement: fc.constantFrom(...STATEMENTS),
    }),
    { minLength: 1, maxLength: 4 },
  ),
})

/**
 * Replace the value of the attribute nearest after `at` (value edits), or insert a statement after the
 * end of the tag nearest after `at` (statement edits). Most results still parse, so they reach the runtime.
 */
function mutate(source: string, edits: { at: number; kind: string; value: string; statement: string }[]) {
  let text = source
  for (const edit of edits) {
    const from = edit.at % (text.length + 1)
    if (edit.kind === 'value') {
      const open = text.indexOf('="', from)
      const close = open === -1 ? -1 : text.indexOf('"', open + 2)
      if (close !== -1)
        text = `${text.slice(0, open + 2)}${edit.value.replaceAll('"', '&quot;')}${text.slice(close)}`
    } else {
      const end = text.indexOf('/>', from)
      if (end !== -1) text = `${text.slice(0, end + 2)}${edit.statement}${text.slice(end + 2)}`
    }
  }
  return text
}

describe('mutated examples run under tight limits', () => {
  let home: string
  let runtime: Runtime
  let close: () => Promise<void>

  beforeAll(() => {
    home = mkdtempSync(join(tmpdir(), 'quantum-fuzz-'))
    const datasources = createDatasources({}, { home })
    const mailer = createMailer({ transport: 'outbox' }, { home })
    // No HTTP service: a mutated URL must never reach the network; the tag fails with a coded error instead.
    runtime = createRuntime(
      { datasources, mailer, schedules: new RecordingSchedules(), jobs: new RecordingJobs() },
      { limits: LIMITS },
    )
    close = async () => {
      await datasources.close()
      await mailer.close()
    }
  })

  afterAll(async () => {
    await close()
    rmSync(home, { recursive: true, force: true })
  })

  it('end with a result or a coded, located QuantumError; never a JavaScript error or a crash', async () => {
    const outcomes = { rejectedByParser: 0, completed: 0, failed: 0 }
    await fc.assert(
      fc.asyncProperty(mutation, async ({ doc, edits }) => {
        const source = mutate(corpus[doc] as string, edits)
        let document: Document
        try {
          document = parse(source, { file: 'fuzz.q' })
        } catch {
          outcomes.rejectedByParser++
          return // the parser's own property tests cover what it rejects
        }
        const started = performance.now()
        try {
          await runtime.run(document, { params: { s: 'ab', a: [1, 2], x: '10', list: [] } })
          outcomes.completed++
        } catch (error) {
          outcomes.failed++
          expect(QuantumError.is(error), String(error)).toBe(true)
          const quantum = error as QuantumError
          // RUNTIME_ERROR is what an unexpected JavaScript error becomes at the tag it escaped from.
          expect(quantum.code, quantum.message).not.toBe('RUNTIME_ERROR')
          expect(quantum.code).toMatch(/^[A-Z_]+$/)
          expect(quantum.position?.start.line, `${quantum.code}: ${quantum.message}`).toBeGreaterThanOrEqual(
            1,
          )
        }
        // The wall-time limit holds: nothing blocks the event loop past it by much.
        expect(performance.now() - started).toBeLessThan(5_000)
      }),
      { numRuns: 600 },
    )
    // The mutations must reach the interpreter, both ways, or this test proves nothing.
    expect(outcomes.completed).toBeGreaterThan(60)
    expect(outcomes.failed).toBeGreaterThan(60)
  }, 120_000)
})
