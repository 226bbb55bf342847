import type { BinaryOperator, Expression } from '@quantum/ast'
import { ParseError } from '@quantum/ast'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { findInterpolation, parseExpression, parseTemplate } from '../../src/expression/index'
import { strip } from './helpers'

const BINARY: BinaryOperator[] = [
  '+',
  '-',
  '*',
  '/',
  '//',
  '%',
  '==',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  'in',
  'not in',
]

function quoteString(value: string): string {
  let out = '"'
  for (const character of value) {
    const code = character.charCodeAt(0)
    if (character === '"' || character === '\\') out += `\\${character}`
    else if (character === '\n') out += '\\n'
    else if (character === '\t') out += '\\t'
    else if (character === '\r') out += '\\r'
    else if (code < 32) out += `\\u${code.toString(16).padStart(4, '0')}`
    else out += character
  }
  return `${out}"`
}

/** Prints an expression with every operation parenthesized, so the parse must give the same tree back. */
function print(node: Expression): string {
  switch (node.type) {
    case 'literal':
      return typeof node.value === 'string' ? quoteString(node.value) : String(node.value)
    case 'identifier':
      return node.name
    case 'member':
      return `${print(node.object)}.${node.property}`
    case 'index':
      return `${print(node.object)}[${print(node.index)}]`
    case 'call':
      return `${print(node.callee)}(${node.arguments.map(print).join(', ')})`
    case 'unary':
      return `(${node.operator}${print(node.argument)})`
    case 'binary':
    case 'logical':
      return `(${print(node.left)} ${node.operator} ${print(node.right)})`
    case 'conditional':
      return `(${print(node.test)} ? ${print(node.consequent)} : ${print(node.alternate)})`
    case 'array':
      return `[${node.elements.map(print).join(', ')}]`
    case 'object':
      return `{${node.properties.map((property) => `${quoteString(property.key)}: ${print(property.value)}`).join(', ')}}`
  }
}

const name = fc.constantFrom('a', 'b', 'item', 'order_total', 'x1', 'True_', 'nothing')

const expression = fc.letrec<{ node: Expression }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.oneof(
      fc.nat({ max: 10_000 }).map((value): Expression => ({ type: 'literal', value })),
      fc.string({ maxLength: 6 }).map((value): Expression => ({ type: 'literal', value })),
      fc.constantFrom(true, false, null).map((value): Expression => ({ type: 'literal', value })),
      name.map((value): Expression => ({ type: 'identifier', name: value })),
    ),
    fc
      .record({ object: tie('node'), property: name })
      .map(({ object, property }): Expression => ({ type: 'member', object, property })),
    fc
      .record({ object: tie('node'), index: tie('node') })
      .map((parts): Expression => ({ type: 'index', ...parts })),
    fc.record({ callee: name, args: fc.array(tie('node'), { maxLength: 3 }) }).map(
      ({ callee, args }): Expression => ({
        type: 'call',
        callee: { type: 'identifier', name: callee },
        arguments: args,
      }),
    ),
    fc
      .record({ operator: fc.constantFrom('-', '+', '!' as const), argument: tie('node') })
      .map(({ operator, argument }): Expression => ({ type: 'unary', operator, argument })),
    fc
      .record({ operator: fc.constantFrom(...BINARY), left: tie('node'), right: tie('node') })
      .map((parts): Expression => ({ type: 'binary', ...parts })),
    fc
      .record({ operator: fc.constantFrom('and', 'or' as const), left: tie('node'), right: tie('node') })
      .map((parts): Expression => ({ type: 'logical', ...parts })),
    fc
      .record({ test: tie('node'), consequent: tie('node'), alternate: tie('node') })
      .map((parts): Expression => ({ type: 'conditional', ...parts })),
    fc.array(tie('node'), { maxLength: 3 }).map((elements): Expression => ({ type: 'array', elements })),
    fc
      .array(fc.record({ key: fc.string({ maxLength: 4 }), value: tie('node') }), { maxLength: 3 })
      .map((properties): Expression => ({ type: 'object', properties })),
  ),
})).node

describe('expression properties', () => {
  it('parses a fully parenthesized print of any tree back to the same tree', () => {
    fc.assert(
      fc.property(expression, (node) => {
        expect(strip(parseExpression(print(node)))).toEqual(node)
      }),
      { numRuns: 500 },
    )
  })

  it('either parses or throws a ParseError on any input', () => {
    const pieces = fc.constantFrom(
      'a',
      'not',
      'in',
      ' ',
      '.',
      '(',
      ')',
      '[',
      ']',
      '{',
      '}',
      ',',
      ':',
      '?',
      '"',
      "'",
      '\\',
      '-',
      '!',
      '=',
      '1',
      '1.5',
      'thread',
      '&',
      '|',
      '<',
      '/',
    )
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(pieces).map((parts) => parts.join('')),
        ),
        (source) => {
          try {
            parseExpression(source)
          } catch (error) {
            expect(error).toBeInstanceOf(ParseError)
          }
        },
      ),
      { numRuns: 2000 },
    )
  })

  it('splits a template into parts that rebuild the text, positioned where they are', () => {
    const text = fc
      .array(fc.constantFrom('a', ' ', '{', '}', '{x}', '{ y }', '{"k": 1}', '$', '\n', '{f(1)}', 'é'))
      .map((parts) => parts.join(''))
    fc.assert(
      fc.property(text, (value) => {
        let result: ReturnType<typeof parseTemplate>
        try {
          result = parseTemplate(value)
        } catch (error) {
          expect(error).toBeInstanceOf(ParseError)
          return
        }
        if (typeof result === 'string') {
          expect(result).toBe(value)
          expect(findInterpolation(value)).toBeUndefined()
          return
        }
        let rebuilt = ''
        for (const part of result.parts) {
          if (typeof part === 'string') {
            expect(part).not.toBe('')
            rebuilt += part
          } else {
            expect(part.position?.start.offset).toBe(rebuilt.length)
            rebuilt += `{${part.source}}`
            expect(part.position?.end.offset).toBe(rebuilt.length)
          }
        }
        expect(rebuilt).toBe(value)
        const first = result.parts.find((part) => typeof part !== 'string')
        expect(findInterpolation(value)).toEqual({
          index: first?.position?.start.offset,
          end: first?.position?.end.offset,
        })
      }),
      { numRuns: 1000 },
    )
  })
})
