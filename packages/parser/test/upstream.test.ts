import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { check } from '../src/index'

/** Upstream's language datasets, copied unchanged (see test/upstream/README.md). */
const root = new URL('./upstream/', import.meta.url).pathname

/** Features whose verdicts our parser follows. */
const JUDGED = ['data_import', 'invocation', 'dump', 'logging']

/** Negatives we accept on purpose, and why. */
const DELIBERATE: Record<string, string> = {
  'invocation/negative/invoke-missing-name.q':
    'name is optional: upstream job-thread-example.q invokes without one, and a call made for its effect needs none',
  'invocation/negative/invoke-function-not-found.q':
    "a function the document does not define fails at run time (RUNTIME_NOT_FOUND at the tag): upstream's own job-thread-example.q invokes functions it does not define, and check accepts it",
  'logging/negative/log-neg-01-missing-level.q': 'level defaults to info, as in upstream',
  'logging/negative/log-neg-06-self-closing-tag.q':
    'a q:log whose body is only a comment has no content, the same as a self-closing one (upstream accepts it too)',
}

/**
 * A dialect upstream's datasets use that upstream's own parser rejects as well: a positive may fail on
 * these and nothing else.
 */
const FOREIGN: RegExp[] = [
  /^PARSE_MISSING_ATTRIBUTE Set requires 'name' attribute$/,
  /^PARSE_UNKNOWN_ATTRIBUTE unknown attribute "(var|validate)" on <q:set>/,
  /^PARSE_INVALID_ENUM Invalid set operation: (json|function|subtract)\./,
  /^PARSE_UNKNOWN_ATTRIBUTE unknown attribute "in" on <q:loop>/,
  /^PARSE_MISSING_ATTRIBUTE Loop requires '(from|to)' attribute$/,
  /^PARSE_UNKNOWN_ATTRIBUTE unknown attribute "params" on <q:function>/,
  /^PARSE_UNKNOWN_TAG unknown tag <q:dispatch-event>/,
  /^PARSE_EXPRESSION unexpected "AND" in expression/,
  /^PARSE_XML malformed XML: <q:else> is never closed \(found <\/q:if> first\)$/,
]

interface Case {
  feature: string
  kind: 'positive' | 'negative'
  file: string
  problems: string[]
}

const cases: Case[] = readdirSync(root, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((entry) =>
    (['positive', 'negative'] as const).flatMap((kind) =>
      readdirSync(join(root, entry.name, kind))
        .filter((name) => name.endsWith('.q'))
        .sort()
        .map((file) => {
          const path = join(root, entry.name, kind, file)
          const { diagnostics } = check(readFileSync(path, 'utf8'), { file })
          const problems = diagnostics.map((error) => `${error.code} ${error.message}`)
          return { feature: entry.name, kind, file, problems }
        }),
    ),
  )

const name = (c: Case) => `${c.feature}/${c.kind}/${c.file}`

describe("upstream's language datasets (issue 11)", () => {
  it('are all here: 10/10 data_import, 10/9 invocation, 50/7 dump, 50/7 logging', () => {
    const count = (feature: string, kind: string) =>
      cases.filter((c) => c.feature === feature && c.kind === kind).length
    expect(
      ['data_import', 'invocation', 'dump', 'logging'].map((feature) => [
        feature,
        count(feature, 'positive'),
        count(feature, 'negative'),
      ]),
    ).toEqual([
      ['data_import', 10, 10],
      ['invocation', 10, 9],
      ['dump', 50, 7],
      ['logging', 50, 7],
    ])
  })

  it('names only files that exist where it says we differ on purpose', () => {
    expect(Object.keys(DELIBERATE).filter((key) => !cases.some((c) => name(c) === key))).toEqual([])
  })

  const judged = cases.filter((c) => JUDGED.includes(c.feature))

  it.each(judged.filter((c) => c.kind === 'positive').map((c) => [name(c), c] as const))(
    '%s is accepted, or fails only on a dialect upstream rejects too',
    (_, c) => {
      const unexplained = c.problems.filter((problem) => !FOREIGN.some((pattern) => pattern.test(problem)))
      expect(unexplained).toEqual([])
    },
  )

  it.each(judged.filter((c) => c.kind === 'negative').map((c) => [name(c), c] as const))(
    '%s is rejected, unless we accept it on purpose',
    (key, c) => {
      if (key in DELIBERATE) expect(c.problems).toEqual([])
      else expect(c.problems).not.toEqual([])
    },
  )

  it('accepts every invocation positive, upstream q:invoke attributes included', () => {
    const positives = cases.filter((c) => c.feature === 'invocation' && c.kind === 'positive')
    expect(positives.filter((c) => c.problems.length > 0).map(name)).toEqual([])
  })

  it('accepts every data_import positive, CSV columns, XML fields and transforms included', () => {
    const positives = cases.filter((c) => c.feature === 'data_import' && c.kind === 'positive')
    expect(positives.filter((c) => c.problems.length > 0).map(name)).toEqual([])
  })
})
