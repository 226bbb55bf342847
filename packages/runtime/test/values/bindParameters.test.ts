import { ErrorCodes, type ParamNode, type Position, RuntimeError } from '@quantum/ast'
import { describe, expect, it } from 'vitest'
import { bindParameters } from '../../src/index'

const at = (line: number): Position => ({
  start: { line, column: 5, offset: line * 10 },
  end: { line, column: 40, offset: line * 10 + 35 },
})
const param = (name: string, fields: Partial<ParamNode> = {}, line = 2): ParamNode => ({
  type: 'param',
  name,
  position: at(line),
  ...fields,
})

/** A job definition's params, as a queue would hold them: plain data, no interpreter anywhere. */
const ORDER = [
  param('orderId', { datatype: 'integer', required: true }, 2),
  param('priority', { datatype: 'integer', default: '5' }, 3),
  param('note', {}, 4),
]

/** The databound default `{a}`, as the parser makes it. */
const A_PLUS = {
  type: 'template' as const,
  parts: [
    { type: 'interpolation' as const, expression: { type: 'identifier' as const, name: 'a' }, source: 'a' },
  ],
}

function failure(run: () => unknown): RuntimeError {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(RuntimeError)
    expect((error as RuntimeError).code).toBe(ErrorCodes.RUNTIME_PARAM)
    return error as RuntimeError
  }
  throw new Error('expected binding to fail')
}

describe('bindParameters', () => {
  it('binds given values, converted to their types, synchronously and without an interpreter', () => {
    expect(bindParameters(ORDER, { orderId: '42', priority: 9, note: 'rush' })).toEqual({
      orderId: 42,
      priority: 9,
      note: 'rush',
    })
  })

  it('uses the default for a missing value and null for an optional one without default', () => {
    expect(bindParameters(ORDER, { orderId: 1 })).toEqual({ orderId: 1, priority: 5, note: null })
  })

  it('counts undefined, null and, for types without an empty value, the empty string as missing', () => {
    expect(bindParameters(ORDER, { orderId: 1, priority: '', note: '' })).toEqual({
      orderId: 1,
      priority: 5,
      note: '',
    })
    expect(bindParameters(ORDER, { orderId: 1, priority: null, note: undefined })).toEqual({
      orderId: 1,
      priority: 5,
      note: null,
    })
    for (const orderId of [undefined, null, '']) {
      expect(failure(() => bindParameters(ORDER, { orderId })).message).toBe(
        "Missing required parameter 'orderId'",
      )
    }
  })

  it("fails a missing required parameter with upstream's message, at the q:param", () => {
    const error = failure(() => bindParameters(ORDER, {}, { file: 'jobs.q' }))
    expect(error.message).toBe("Missing required parameter 'orderId'")
    expect(error.location).toBe('jobs.q:2:5')
    expect(error.details).toEqual({ parameter: 'orderId' })
  })

  it("fails a value its type refuses with upstream's message and the reason in details", () => {
    const error = failure(() => bindParameters(ORDER, { orderId: 'ORD-1' }, { file: 'jobs.q' }))
    expect(error.message).toBe("Parameter 'orderId' must be integer")
    expect(error.location).toBe('jobs.q:2:5')
    expect(error.details).toEqual({
      parameter: 'orderId',
      type: 'integer',
      reason: "Cannot convert 'ORD-1' to integer",
    })
    expect(failure(() => bindParameters(ORDER, { orderId: 1, priority: 'high' })).message).toBe(
      "Parameter 'priority' must be integer",
    )
  })

  it('leaves undeclared values out of the result (the caller decides whether to pass them on)', () => {
    expect(bindParameters([param('a')], { a: 1, extra: 2 })).toEqual({ a: 1 })
  })

  it('evaluates a databound default through resolveDefault, seeing the parameters bound before it', async () => {
    const specs = [param('a', { datatype: 'integer' }), param('b', { datatype: 'integer', default: A_PLUS })]
    const seen: unknown[] = []
    const bound = bindParameters(
      specs,
      { a: '4' },
      {
        resolveDefault: (spec, before) => {
          seen.push([spec.name, { ...before }])
          return Promise.resolve(String(Number(before.a) * 2))
        },
      },
    )
    expect(bound).toBeInstanceOf(Promise)
    expect(await bound).toEqual({ a: 4, b: 8 })
    expect(seen).toEqual([['b', { a: 4 }]])
    const error = failure(() => bindParameters(specs, { a: 1 }))
    expect(error.message).toBe("Parameter 'b' has a databound default ({a}) and no resolveDefault was given")
  })

  it('defers a databound default it cannot evaluate: left out, handed to defer; a given value still binds', () => {
    const specs = [param('a', { datatype: 'integer' }), param('b', { datatype: 'integer', default: A_PLUS })]
    const deferred: string[] = []
    const defer = (spec: ParamNode) => deferred.push(spec.name)
    expect(bindParameters(specs, { a: '4' }, { defer })).toEqual({ a: 4 })
    expect(deferred).toEqual(['b'])
    expect(bindParameters(specs, { a: '4', b: '7' }, { defer })).toEqual({ a: 4, b: 7 })
    expect(deferred).toEqual(['b'])
  })

  it('hands the bound value to a custom convert instead of the type conversion', () => {
    const specs = [param('id', { datatype: 'integer', nullable: true })]
    const seen: unknown[] = []
    const bound = bindParameters(
      specs,
      { id: '' },
      {
        convert: (value, spec) => {
          seen.push([spec.name, value])
          return 'converted'
        },
      },
    )
    expect(bound).toEqual({ id: 'converted' })
    expect(seen).toEqual([['id', null]])
  })
})
