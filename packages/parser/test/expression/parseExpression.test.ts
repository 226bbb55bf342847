import type { BinaryOperator, Expression, IdentifierExpression, MemberExpression } from '@quantum/ast'
import { describe, expect, it } from 'vitest'
import { createLocator, parseExpression } from '../../src/expression/index'
import { parseError, point, span, strip } from './helpers'

const id = (name: string): IdentifierExpression => ({ type: 'identifier', name })
const lit = (value: string | number | boolean | null): Expression => ({ type: 'literal', value })
const bin = (operator: string, left: Expression, right: Expression): Expression => ({
  type: 'binary',
  operator: operator as BinaryOperator,
  left,
  right,
})
const logic = (operator: 'and' | 'or', left: Expression, right: Expression): Expression => ({
  type: 'logical',
  operator,
  left,
  right,
})
const not = (argument: Expression): Expression => ({ type: 'unary', operator: '!', argument })
const member = (object: Expression, property: string): MemberExpression => ({
  type: 'member',
  object,
  property,
})

function shape(source: string): unknown {
  return strip(parseExpression(source))
}

describe('parseExpression: precedence and associativity', () => {
  it('binds * / // % tighter than + -', () => {
    expect(shape('a + b * c')).toEqual(bin('+', id('a'), bin('*', id('b'), id('c'))))
    expect(shape('a * b - c % d')).toEqual(bin('-', bin('*', id('a'), id('b')), bin('%', id('c'), id('d'))))
    expect(shape('a - b // c')).toEqual(bin('-', id('a'), bin('//', id('b'), id('c'))))
  })

  it('is left-associative for arithmetic and comparisons', () => {
    expect(shape('a - b - c')).toEqual(bin('-', bin('-', id('a'), id('b')), id('c')))
    expect(shape('a / b * c')).toEqual(bin('*', bin('/', id('a'), id('b')), id('c')))
    expect(shape('a < b < c')).toEqual(bin('<', bin('<', id('a'), id('b')), id('c')))
    expect(shape('a or b or c')).toEqual(logic('or', logic('or', id('a'), id('b')), id('c')))
  })

  it('binds arithmetic tighter than comparisons, comparisons tighter than not, not tighter than and/or', () => {
    expect(shape('a + 1 > b * 2')).toEqual(bin('>', bin('+', id('a'), lit(1)), bin('*', id('b'), lit(2))))
    expect(shape('not a == b')).toEqual(not(bin('==', id('a'), id('b'))))
    expect(shape('not a and b')).toEqual(logic('and', not(id('a')), id('b')))
    expect(shape('a or b and c')).toEqual(logic('or', id('a'), logic('and', id('b'), id('c'))))
    expect(shape('a and not b or c')).toEqual(logic('or', logic('and', id('a'), not(id('b'))), id('c')))
  })

  it('treats ! like not at the start of an operand, and as a tight prefix after an operator', () => {
    expect(shape('!done')).toEqual(not(id('done')))
    expect(shape('!a == b')).toEqual(not(bin('==', id('a'), id('b'))))
    expect(shape('a == !b')).toEqual(bin('==', id('a'), not(id('b'))))
    expect(shape('a && !b')).toEqual(logic('and', id('a'), not(id('b'))))
    expect(shape('not not a')).toEqual(not(not(id('a'))))
    expect(shape('-!x')).toEqual({ type: 'unary', operator: '-', argument: not(id('x')) })
  })

  it('rejects the word not where only a tight operand fits', () => {
    expect(parseError(() => parseExpression('a == not b')).message).toBe(
      'unexpected keyword "not" in expression "a == not b"; expected a value',
    )
  })

  it('binds unary minus and plus tighter than * and looser than postfix', () => {
    expect(shape('-a * b')).toEqual(bin('*', { type: 'unary', operator: '-', argument: id('a') }, id('b')))
    expect(shape('-a.b')).toEqual({ type: 'unary', operator: '-', argument: member(id('a'), 'b') })
    expect(shape('+-1')).toEqual({
      type: 'unary',
      operator: '+',
      argument: { type: 'unary', operator: '-', argument: lit(1) },
    })
    expect(shape('a - -1')).toEqual(bin('-', id('a'), { type: 'unary', operator: '-', argument: lit(1) }))
  })

  it('makes the ternary the loosest and right-associative', () => {
    expect(shape('a or b ? c + 1 : d')).toEqual({
      type: 'conditional',
      test: logic('or', id('a'), id('b')),
      consequent: bin('+', id('c'), lit(1)),
      alternate: id('d'),
    })
    expect(shape('a ? b : c ? d : e')).toEqual({
      type: 'conditional',
      test: id('a'),
      consequent: id('b'),
      alternate: { type: 'conditional', test: id('c'), consequent: id('d'), alternate: id('e') },
    })
    expect(shape('a ? b ? c : d : e')).toEqual({
      type: 'conditional',
      test: id('a'),
      consequent: { type: 'conditional', test: id('b'), consequent: id('c'), alternate: id('d') },
      alternate: id('e'),
    })
  })

  it('lets parentheses override precedence', () => {
    expect(shape('(a + b) * c')).toEqual(bin('*', bin('+', id('a'), id('b')), id('c')))
    expect(shape('not (a and b)')).toEqual(not(logic('and', id('a'), id('b'))))
    expect(shape('((a))')).toEqual(id('a'))
  })
})

describe('parseExpression: operators and aliases', () => {
  it.each([
    ['+', '+'],
    ['-', '-'],
    ['*', '*'],
    ['/', '/'],
    ['//', '//'],
    ['%', '%'],
    ['==', '=='],
    ['!=', '!='],
    ['<', '<'],
    ['<=', '<='],
    ['>', '>'],
    ['>=', '>='],
    ['eq', '=='],
    ['neq', '!='],
    ['lt', '<'],
    ['lte', '<='],
    ['gt', '>'],
    ['gte', '>='],
    ['in', 'in'],
    ['not in', 'not in'],
  ])('reads "x %s y" as binary %s', (written, operator) => {
    expect(shape(`x ${written} y`)).toEqual(bin(operator, id('x'), id('y')))
  })

  it.each([
    ['and', 'and'],
    ['&&', 'and'],
    ['or', 'or'],
    ['||', 'or'],
  ] as const)('reads "x %s y" as logical %s', (written, operator) => {
    expect(shape(`x ${written} y`)).toEqual(logic(operator, id('x'), id('y')))
  })

  it('reads not and ! as unary !', () => {
    expect(shape('not x')).toEqual(not(id('x')))
    expect(shape('! x')).toEqual(not(id('x')))
  })

  it('needs no spaces around symbol operators', () => {
    expect(shape('a+b*-c')).toEqual(
      bin('+', id('a'), bin('*', id('b'), { type: 'unary', operator: '-', argument: id('c') })),
    )
    expect(shape('a<=b&&c!=d||e>=f')).toEqual(
      logic(
        'or',
        logic('and', bin('<=', id('a'), id('b')), bin('!=', id('c'), id('d'))),
        bin('>=', id('e'), id('f')),
      ),
    )
    expect(shape('7//2')).toEqual(bin('//', lit(7), lit(2)))
  })

  it('combines not in only when in follows', () => {
    expect(shape("'a' not in list and b")).toEqual(logic('and', bin('not in', lit('a'), id('list')), id('b')))
    expect(parseError(() => parseExpression('a not b')).message).toBe(
      'unexpected keyword "not" in expression "a not b"; expected an operator',
    )
  })

  it.each([
    ['a === b', '===', 'use "==" to compare', 2, 5],
    ['a !== b', '!==', 'use "!=" to compare', 2, 5],
    ['a = b', '=', 'use "==" to compare', 2, 3],
    ['a & b', '&', 'use "&&" or "and"', 2, 3],
    ['a | b', '|', 'use "||" or "or"', 2, 3],
  ])('rejects %s with a hint', (source, operator, hint, start, end) => {
    const error = parseError(() => parseExpression(source))
    expect(error.message).toBe(`unexpected "${operator}" in expression "${source}"; ${hint}`)
    expect(error.position).toEqual(span(start + 1, end + 1))
  })

  it('keeps keywords case-sensitive: AND is a name', () => {
    expect(shape('AND')).toEqual(id('AND'))
    expect(parseError(() => parseExpression('a AND b')).message).toBe(
      'unexpected "AND" in expression "a AND b"; expected an operator',
    )
  })
})

describe('parseExpression: literals', () => {
  it('reads integers and decimals', () => {
    expect(shape('42')).toEqual(lit(42))
    expect(shape('1.5')).toEqual(lit(1.5))
    expect(shape('0')).toEqual(lit(0))
    expect(shape('007')).toEqual(lit(7))
    expect(shape('10.25')).toEqual(lit(10.25))
  })

  it('reads a number followed by a member as a member of the number', () => {
    expect(shape('1.5.x')).toEqual(member(lit(1.5), 'x'))
  })

  it('rejects numbers glued to names', () => {
    const error = parseError(() => parseExpression('x + 1abc'))
    expect(error.message).toBe('invalid number "1abc" in expression "x + 1abc"')
    expect(error.position).toEqual(span(5, 9))
  })

  it('reads strings in both quotes', () => {
    expect(shape("'it'")).toEqual(lit('it'))
    expect(shape('"it"')).toEqual(lit('it'))
    expect(shape(`"it's"`)).toEqual(lit("it's"))
    expect(shape(`'say "hi"'`)).toEqual(lit('say "hi"'))
    expect(shape("''")).toEqual(lit(''))
  })

  it('decodes escapes', () => {
    expect(shape(String.raw`'a\nb\tc\\d\'e\"f'`)).toEqual(lit('a\nb\tc\\d\'e"f'))
    expect(shape(String.raw`"\u00e9\u20AC"`)).toEqual(lit('é€'))
    expect(shape(String.raw`'\r'`)).toEqual(lit('\r'))
  })

  it('rejects unknown and short escapes', () => {
    const unknown = parseError(() => parseExpression(String.raw`'a\qb'`))
    expect(unknown.message).toBe(String.raw`unknown escape "\q" in string; use \n \t \r \\ \' \" or \uXXXX`)
    expect(unknown.position).toEqual(span(3, 5))
    const short = parseError(() => parseExpression(String.raw`'\u12x'`))
    expect(short.message).toBe(String.raw`invalid escape "\u12x" in string; expected 4 hex digits after "\u"`)
    expect(short.position).toEqual(span(2, 7))
  })

  it('rejects unterminated strings, pointing from the quote to the end', () => {
    const error = parseError(() => parseExpression("x == 'abc"))
    expect(error.message).toBe(`unterminated string starting at "'abc"`)
    expect(error.position).toEqual(span(6, 10))
    expect(parseError(() => parseExpression(String.raw`'abc\'`)).message).toBe(
      String.raw`unterminated string starting at "'abc\'"`,
    )
    expect(parseError(() => parseExpression('"abc\\')).message).toBe(
      `unterminated string starting at ""abc\\"`,
    )
  })

  it.each([
    ['true', true],
    ['false', false],
    ['null', null],
    ['True', true],
    ['False', false],
    ['None', null],
  ])('reads %s as a literal', (source, value) => {
    expect(parseExpression(source)).toEqual({ type: 'literal', value, position: span(1, source.length + 1) })
  })
})

describe('parseExpression: names, members, indexes and calls', () => {
  it('reads identifiers with digits and underscores', () => {
    expect(shape('_a1_B')).toEqual(id('_a1_B'))
    expect(shape('trueish')).toEqual(id('trueish'))
    expect(shape('android')).toEqual(id('android'))
  })

  it('chains members, indexes and calls left to right', () => {
    expect(shape('a.b[0].c(1, x).d')).toEqual(
      member(
        {
          type: 'call',
          callee: member({ type: 'index', object: member(id('a'), 'b'), index: lit(0) }, 'c'),
          arguments: [lit(1), id('x')],
        },
        'd',
      ),
    )
  })

  it('reads .length as a plain member', () => {
    expect(shape('items.length')).toEqual(member(id('items'), 'length'))
  })

  it('parses full expressions as indexes and arguments', () => {
    expect(shape("m[k + 1]['x']")).toEqual({
      type: 'index',
      object: { type: 'index', object: id('m'), index: bin('+', id('k'), lit(1)) },
      index: lit('x'),
    })
    expect(shape('f()')).toEqual({ type: 'call', callee: id('f'), arguments: [] })
    expect(shape('f(a ? b : c, [1],)')).toEqual({
      type: 'call',
      callee: id('f'),
      arguments: [
        { type: 'conditional', test: id('a'), consequent: id('b'), alternate: id('c') },
        { type: 'array', elements: [lit(1)] },
      ],
    })
  })

  it('allows literal words as property names', () => {
    expect(shape('a.null.True')).toEqual(member(member(id('a'), 'null'), 'True'))
  })

  it('only calls names and methods', () => {
    const error = parseError(() => parseExpression('a[0](1)'))
    expect(error.message).toBe('unexpected "(" in expression "a[0](1)"; only names and methods can be called')
    expect(error.position).toEqual(span(5, 6))
    expect(parseError(() => parseExpression('f()()')).message).toContain(
      'only names and methods can be called',
    )
  })

  it('needs a property name after a dot', () => {
    const error = parseError(() => parseExpression('a.'))
    expect(error.message).toBe('unexpected end of expression "a."; expected a property name')
    expect(error.position).toEqual(span(3, 3))
    expect(parseError(() => parseExpression('a.1')).message).toBe(
      'unexpected "1" in expression "a.1"; expected a property name',
    )
  })
})

describe('parseExpression: thread names with dashes', () => {
  it('reads the segment after a root thread. with dashes', () => {
    expect(shape('thread.data-processor.result.length')).toEqual(
      member(member(member(id('thread'), 'data-processor'), 'result'), 'length'),
    )
    expect(shape('thread.a-b-c2')).toEqual(member(id('thread'), 'a-b-c2'))
  })

  it('gives the dashed segment an exact position', () => {
    const node = parseExpression('thread.data-processor.status')
    expect(node.position).toEqual(span(1, 29))
    expect(node.type === 'member' && node.object.position).toEqual(span(1, 22))
  })

  it('keeps a trailing dash as minus', () => {
    expect(shape('thread.a- 1')).toEqual(bin('-', member(id('thread'), 'a'), lit(1)))
  })

  it('reads dashes as minus everywhere else', () => {
    expect(shape('a.b-c')).toEqual(bin('-', member(id('a'), 'b'), id('c')))
    expect(shape('thread.a.b-c')).toEqual(bin('-', member(member(id('thread'), 'a'), 'b'), id('c')))
    expect(shape('x.thread.a-b')).toEqual(bin('-', member(member(id('x'), 'thread'), 'a'), id('b')))
    expect(shape('threads.a-b')).toEqual(bin('-', member(id('threads'), 'a'), id('b')))
  })

  it('allows dashed thread members inside larger expressions', () => {
    expect(shape('len(thread.my-job.rows) > 0')).toEqual(
      bin(
        '>',
        { type: 'call', callee: id('len'), arguments: [member(member(id('thread'), 'my-job'), 'rows')] },
        lit(0),
      ),
    )
  })
})

describe('parseExpression: arrays and objects', () => {
  it('reads arrays, empty, nested and with a trailing comma', () => {
    expect(shape('[]')).toEqual({ type: 'array', elements: [] })
    expect(shape('[1, [2], "x",]')).toEqual({
      type: 'array',
      elements: [lit(1), { type: 'array', elements: [lit(2)] }, lit('x')],
    })
  })

  it('reads objects with name and quoted keys', () => {
    expect(shape(`{key: v, 'k2': 1 + 2, "k 3": [a], }`)).toEqual({
      type: 'object',
      properties: [
        { key: 'key', value: id('v') },
        { key: 'k2', value: bin('+', lit(1), lit(2)) },
        { key: 'k 3', value: { type: 'array', elements: [id('a')] } },
      ],
    })
    expect(shape('{}')).toEqual({ type: 'object', properties: [] })
    expect(shape('{a: {b: c ? 1 : 2}}')).toEqual({
      type: 'object',
      properties: [
        {
          key: 'a',
          value: {
            type: 'object',
            properties: [
              {
                key: 'b',
                value: { type: 'conditional', test: id('c'), consequent: lit(1), alternate: lit(2) },
              },
            ],
          },
        },
      ],
    })
  })

  it('rejects bad keys and missing separators', () => {
    expect(parseError(() => parseExpression('{1: 2}')).message).toBe(
      'unexpected "1" in expression "{1: 2}"; expected a key (a name or a quoted string)',
    )
    expect(parseError(() => parseExpression('{a 1}')).message).toBe(
      'unexpected "1" in expression "{a 1}"; expected ":"',
    )
    expect(parseError(() => parseExpression('{a: 1 b: 2}')).message).toBe(
      'unexpected "b" in expression "{a: 1 b: 2}"; expected "," or "}"',
    )
    expect(parseError(() => parseExpression('{in: 1}')).message).toBe(
      'unexpected keyword "in" in expression "{in: 1}"; expected a key',
    )
    expect(parseError(() => parseExpression('[1 2]')).message).toBe(
      'unexpected "2" in expression "[1 2]"; expected "," or "]"',
    )
    expect(parseError(() => parseExpression('[,]')).message).toBe(
      'unexpected "," in expression "[,]"; expected a value',
    )
  })
})

describe('parseExpression: keywords and forbidden names', () => {
  // `not` is left out: `not + 1` is valid (`not (+1)`); `a == not b` above covers it.
  it.each(['and', 'or', 'in', 'eq', 'neq', 'lt', 'lte', 'gt', 'gte'])('refuses %s as a variable', (word) => {
    const error = parseError(() => parseExpression(`${word} + 1`))
    expect(error.message).toBe(`unexpected keyword "${word}" in expression "${word} + 1"; expected a value`)
    expect(error.position).toEqual(span(1, word.length + 1))
  })

  it.each(['and', 'in', 'gte'])('refuses %s as a property name', (word) => {
    expect(parseError(() => parseExpression(`a.${word}`)).message).toBe(
      `unexpected keyword "${word}" in expression "a.${word}"; expected a property name`,
    )
  })

  it.each([
    ['constructor', 'constructor', 1, 12],
    ['a.__proto__', '__proto__', 3, 12],
    ['a.b.prototype.c', 'prototype', 5, 14],
    ['f().constructor', 'constructor', 5, 16],
    ["a['constructor']", 'constructor', 3, 16],
    ['thread.constructor', 'constructor', 8, 19],
    ['{__proto__: 1}', '__proto__', 2, 11],
    ["{'prototype': 1}", 'prototype', 2, 13],
  ])('refuses %s', (source, name, start, end) => {
    const error = parseError(() => parseExpression(source))
    expect(error.message).toBe(`access to "${name}" is not allowed`)
    expect(error.position).toEqual(span(start, end))
  })

  it('allows names that merely contain a forbidden word', () => {
    expect(shape('constructors.prototype_id')).toEqual(member(id('constructors'), 'prototype_id'))
  })
})

describe('parseExpression: errors', () => {
  it('rejects empty input', () => {
    const error = parseError(() => parseExpression(''))
    expect(error.message).toBe('empty expression')
    expect(error.position).toEqual(span(1, 1))
    expect(parseError(() => parseExpression('   ')).position).toEqual(span(4, 4))
  })

  it('reports a missing operand at the offending token', () => {
    const error = parseError(() => parseExpression('a + )'))
    expect(error.message).toBe('unexpected ")" in expression "a + )"; expected a value')
    expect(error.position).toEqual(span(5, 6))
  })

  it('reports the end of input as a zero-width position at the end', () => {
    const error = parseError(() => parseExpression('a and'))
    expect(error.message).toBe('unexpected end of expression "a and"; expected a value')
    expect(error.position).toEqual(span(6, 6))
  })

  it('reports trailing garbage', () => {
    const error = parseError(() => parseExpression('a b'))
    expect(error.message).toBe('unexpected "b" in expression "a b"; expected an operator')
    expect(error.position).toEqual(span(3, 4))
    expect(parseError(() => parseExpression('a)')).message).toBe(
      'unexpected ")" in expression "a)"; expected an operator',
    )
  })

  it('points unclosed brackets at the opener', () => {
    const paren = parseError(() => parseExpression('x * (a + b'))
    expect(paren.message).toBe('unclosed "(" in expression "x * (a + b"; expected ")"')
    expect(paren.position).toEqual(span(5, 6))
    expect(parseError(() => parseExpression('f(a, ')).message).toBe(
      'unclosed "(" in expression "f(a, "; expected ")"',
    )
    expect(parseError(() => parseExpression('[1, 2')).message).toBe(
      'unclosed "[" in expression "[1, 2"; expected "]"',
    )
    expect(parseError(() => parseExpression('a[1')).position).toEqual(span(2, 3))
    expect(parseError(() => parseExpression('{a: 1')).message).toBe(
      'unclosed "{" in expression "{a: 1"; expected "}"',
    )
    expect(parseError(() => parseExpression('{a')).message).toBe(
      'unclosed "{" in expression "{a"; expected "}"',
    )
  })

  it('reports a wrong closer as unexpected', () => {
    expect(parseError(() => parseExpression('(a]')).message).toBe(
      'unexpected "]" in expression "(a]"; expected ")"',
    )
  })

  it('needs the : of a ternary', () => {
    const error = parseError(() => parseExpression('a ? b'))
    expect(error.message).toBe('unexpected end of expression "a ? b"; expected ":"')
    expect(error.position).toEqual(span(6, 6))
  })

  it('rejects characters outside the grammar', () => {
    const error = parseError(() => parseExpression('a @ b'))
    expect(error.message).toBe('unexpected character "@" in expression "a @ b"')
    expect(error.position).toEqual(span(3, 4))
    expect(parseError(() => parseExpression('a ** b')).message).toBe(
      'unexpected "*" in expression "a ** b"; expected a value',
    )
    expect(parseError(() => parseExpression('.5')).message).toBe(
      'unexpected "." in expression ".5"; expected a value',
    )
    expect(parseError(() => parseExpression('a 😀')).position).toEqual(span(3, 5))
  })

  it('shortens long expressions and flattens newlines in messages', () => {
    const long = `${'a + '.repeat(30)})`
    const message = parseError(() => parseExpression(long)).message
    expect(message).toMatch(/^unexpected "\)" in expression "a \+ a \+ .*…"; expected a value$/)
    expect(parseError(() => parseExpression('a +\n  )')).message).toBe(
      'unexpected ")" in expression "a + )"; expected a value',
    )
  })

  it('carries positions through a locator, across lines', () => {
    const source = 'a +\n  * b'
    const error = parseError(() => parseExpression(source, createLocator(source, point(3, 7, 40))))
    expect(error.position).toEqual({ start: point(4, 3, 46), end: point(4, 4, 47) })
  })
})

describe('parseExpression: node positions', () => {
  it('spans every node from its first character to the one after it', () => {
    const node = parseExpression('a.b + f(1)[0]')
    expect(node).toEqual({
      type: 'binary',
      operator: '+',
      left: {
        type: 'member',
        object: { type: 'identifier', name: 'a', position: span(1, 2) },
        property: 'b',
        position: span(1, 4),
      },
      right: {
        type: 'index',
        object: {
          type: 'call',
          callee: { type: 'identifier', name: 'f', position: span(7, 8) },
          arguments: [{ type: 'literal', value: 1, position: span(9, 10) }],
          position: span(7, 11),
        },
        index: { type: 'literal', value: 0, position: span(12, 13) },
        position: span(7, 14),
      },
      position: span(1, 14),
    })
  })

  it('includes parentheses in the enclosing node but not in the grouped one', () => {
    const node = parseExpression('(a + b) * 2')
    expect(node.position).toEqual(span(1, 12))
    expect(node.type === 'binary' && node.left.position).toEqual(span(2, 7))
  })

  it('spans operators, literals, containers and ternaries', () => {
    const node = parseExpression(`not x ? ['s', {k: -1}] : "t"`)
    expect(node.position).toEqual(span(1, 29))
    if (node.type !== 'conditional') throw new Error('expected a conditional')
    expect(node.test.position).toEqual(span(1, 6))
    expect(node.consequent.position).toEqual(span(9, 23))
    expect(node.alternate.position).toEqual(span(26, 29))
    if (node.consequent.type !== 'array') throw new Error('expected an array')
    expect(node.consequent.elements.map((element) => element.position)).toEqual([span(10, 13), span(15, 22)])
    const object = node.consequent.elements[1]
    if (object?.type !== 'object') throw new Error('expected an object')
    expect(object.properties[0]?.value.position).toEqual(span(19, 21))
  })

  it('spans not in from the left operand to the right one', () => {
    expect(parseExpression('a not in b').position).toEqual(span(1, 11))
  })

  it('maps positions through a locator that starts mid-line and crosses newlines', () => {
    const source = 'total\n  + tax'
    const node = parseExpression(source, createLocator(source, point(3, 7, 40)))
    expect(node.position).toEqual({ start: point(3, 7, 40), end: point(4, 8, 53) })
    if (node.type !== 'binary') throw new Error('expected a binary')
    expect(node.left.position).toEqual({ start: point(3, 7, 40), end: point(3, 12, 45) })
    expect(node.right.position).toEqual({ start: point(4, 5, 50), end: point(4, 8, 53) })
  })
})

describe('parseExpression: nesting', () => {
  it('accepts reasonable nesting', () => {
    expect(shape(`${'('.repeat(50)}a${')'.repeat(50)}`)).toEqual(id('a'))
    expect(shape(`${'-'.repeat(50)}1`)).toMatchObject({ type: 'unary', operator: '-' })
  })

  it.each([
    ['parentheses', `${'('.repeat(5000)}a${')'.repeat(5000)}`],
    ['prefix operators', `${'!'.repeat(5000)}a`],
    ['not chains', `${'not '.repeat(5000)}a`],
    ['arrays', `${'['.repeat(5000)}${']'.repeat(5000)}`],
  ])('reports deeply nested %s as a ParseError', (_, source) => {
    expect(parseError(() => parseExpression(source)).message).toMatch(
      /is nested too deeply; at most 100 levels$/,
    )
  })

  it.each([
    ['+', (n: number) => Array.from({ length: n }, () => '1').join(' + ')],
    ['and', (n: number) => Array.from({ length: n }, () => 'a').join(' and ')],
    ['.', (n: number) => `a${'.b'.repeat(n - 1)}`],
    ['[0]', (n: number) => `a${'[0]'.repeat(n - 1)}`],
  ])('accepts a chain of %s a hundred levels deep, and reports one level more at its start', (_, chain) => {
    expect(() => parseExpression(chain(100))).not.toThrow()
    const error = parseError(() => parseExpression(chain(101)))
    expect(error.message).toMatch(
      /is nested too deeply; at most 100 levels, counting each operator of a chain/,
    )
    expect(error.position?.start.column).toBe(1)
  })

  it('reports where a nesting goes past the limit', () => {
    const error = parseError(() => parseExpression(`${'-'.repeat(150)}1`))
    expect(error.position?.start).toEqual(point(1, 101, 100))
  })
})
