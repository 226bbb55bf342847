import { describe, expect, it } from 'vitest'
import { createLocator, parseCondition } from '../../src/expression/index'
import { parseError, point, span, strip } from './helpers'

const aIsZero = {
  type: 'binary',
  operator: '==',
  left: { type: 'identifier', name: 'a' },
  right: { type: 'literal', value: 0 },
}

describe('parseCondition', () => {
  it.each(['{a == 0}', '{a} == 0', 'a == 0', 'a eq {0}', '  {a == 0}  '])('reads %s as a == 0', (text) => {
    expect(strip(parseCondition(text))).toEqual({ ...aIsZero, operator: '==' })
  })

  it('reads braces around each operand', () => {
    expect(strip(parseCondition('{x} > {y}'))).toEqual({
      type: 'binary',
      operator: '>',
      left: { type: 'identifier', name: 'x' },
      right: { type: 'identifier', name: 'y' },
    })
  })

  it('reads bare literals and arithmetic', () => {
    expect(strip(parseCondition('true'))).toEqual({ type: 'literal', value: true })
    expect(strip(parseCondition('i % 2 == 0'))).toEqual({
      type: 'binary',
      operator: '==',
      left: {
        type: 'binary',
        operator: '%',
        left: { type: 'identifier', name: 'i' },
        right: { type: 'literal', value: 2 },
      },
      right: { type: 'literal', value: 0 },
    })
  })

  it('keeps braced parts grouped as written', () => {
    expect(strip(parseCondition('{a or b} and c'))).toEqual({
      type: 'logical',
      operator: 'and',
      left: {
        type: 'logical',
        operator: 'or',
        left: { type: 'identifier', name: 'a' },
        right: { type: 'identifier', name: 'b' },
      },
      right: { type: 'identifier', name: 'c' },
    })
  })

  it('keeps positions of the original text', () => {
    const node = parseCondition('{a} == 0')
    expect(node.position).toEqual(span(1, 9))
    if (node.type !== 'binary') throw new Error('expected a binary')
    expect(node.left.position).toEqual(span(2, 3))
    expect(node.right.position).toEqual(span(8, 9))
    const located = parseCondition('{n >\n 1}', createLocator('{n >\n 1}', point(3, 7, 40)))
    expect(located.position).toEqual({ start: point(3, 8, 41), end: point(4, 3, 47) })
  })

  it('quotes the condition as written in errors', () => {
    const error = parseError(() => parseCondition('{a ==}'))
    expect(error.message).toBe('unexpected "}" in expression "{a ==}"; expected a value')
    expect(error.position).toEqual(span(6, 7))
  })

  it('reports an unclosed brace at the brace', () => {
    const error = parseError(() => parseCondition('{a} == {b'))
    expect(error.message).toBe('unclosed "{" in condition "{a} == {b"; expected "}"')
    expect(error.position).toEqual(span(8, 9))
  })

  it('rejects an empty condition', () => {
    expect(parseError(() => parseCondition('')).message).toBe('empty expression')
  })
})

describe('conditions with spaced braces', () => {
  it('reads { a == 0 } as a group, and leaves braces inside strings alone', () => {
    expect(parseCondition('{ a == 0 }')).toMatchObject({ type: 'binary', operator: '==' })
    expect(parseCondition("name == '{x}'")).toMatchObject({ right: { type: 'literal', value: '{x}' } })
  })
})
