import type { Interpolation, Template } from '@quantum/ast'
import { describe, expect, it } from 'vitest'
import { createLocator, findInterpolation, parseTemplate } from '../../src/expression/index'
import { parseError, point, span, strip } from './helpers'

function template(text: string): Template {
  const result = parseTemplate(text)
  if (typeof result === 'string') throw new Error(`expected a template for ${text}`)
  return result
}

function interpolation(source: string, expression: unknown): unknown {
  return { type: 'interpolation', expression, source }
}

const orderId = { type: 'member', object: { type: 'identifier', name: 'order' }, property: 'id' }

describe('parseTemplate', () => {
  it('returns text without interpolations unchanged', () => {
    const text = 'plain text, a { brace } and a } closer'
    expect(parseTemplate(text)).toBe(text)
    expect(parseTemplate('')).toBe('')
  })

  it('splits text around interpolations, with exact positions', () => {
    expect(parseTemplate('Hello {name}!')).toEqual({
      type: 'template',
      parts: [
        'Hello ',
        {
          type: 'interpolation',
          expression: { type: 'identifier', name: 'name', position: span(8, 12) },
          source: 'name',
          position: span(7, 13),
        },
        '!',
      ],
      position: span(1, 14),
    })
  })

  it('keeps $ and # before a brace as literal text', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal `${` is the text under test
    expect(strip(template('${order.total}').parts)).toEqual([
      '$',
      interpolation('order.total', {
        type: 'member',
        object: { type: 'identifier', name: 'order' },
        property: 'total',
      }),
    ])
    expect(strip(template('#{orderId}').parts)).toEqual([
      '#',
      interpolation('orderId', { type: 'identifier', name: 'orderId' }),
    ])
  })

  it('keeps JSON braces literal and interpolates the values inside', () => {
    expect(strip(template('{ "id": {order.id} }').parts)).toEqual([
      '{ "id": ',
      interpolation('order.id', orderId),
      ' }',
    ])
    expect(strip(template('{"id": {order.id}}').parts)).toEqual([
      '{"id": ',
      interpolation('order.id', orderId),
      '}',
    ])
    expect(strip(template(`{'id' : {order.id}, "name": "{name}"}`).parts)).toEqual([
      `{'id' : `,
      interpolation('order.id', orderId),
      ', "name": "',
      interpolation('name', { type: 'identifier', name: 'name' }),
      '"}',
    ])
  })

  it('keeps a brace followed by a space, a closer or punctuation literal', () => {
    expect(parseTemplate('{ not an expr }')).toBe('{ not an expr }')
    expect(parseTemplate('{}')).toBe('{}')
    expect(parseTemplate('{{')).toBe('{{')
    expect(parseTemplate('{{name}}')).toMatchObject({ parts: ['{', { source: 'name' }, '}'] })
    expect(parseTemplate('a {.b} {*c} {\nd}')).toBe('a {.b} {*c} {\nd}')
  })

  it('reads {{key: value}} as an object literal interpolation', () => {
    const result = template("{{'total': n, count: 2}}")
    expect(result.parts).toHaveLength(1)
    expect((result.parts[0] as Interpolation).expression).toMatchObject({ type: 'object' })
  })

  it('keeps a whole-value interpolation as the only part', () => {
    const result = template('{count + 1}')
    expect(result.parts).toHaveLength(1)
    expect(result.position).toEqual(span(1, 12))
    const part = result.parts[0] as Interpolation
    expect(part.source).toBe('count + 1')
    expect(part.position).toEqual(span(1, 12))
    expect(part.expression.position).toEqual(span(2, 11))
  })

  it.each([
    ['{(a)}', '(a)'],
    ['{[1, 2]}', '[1, 2]'],
    ['{!done}', '!done'],
    ["{'x'}", "'x'"],
    ['{"x"}', '"x"'],
    ['{1 + 2}', '1 + 2'],
    ['{-n}', '-n'],
    ['{_private}', '_private'],
  ])('starts an interpolation at %s', (text, source) => {
    expect((template(text).parts[0] as Interpolation).source).toBe(source)
  })

  it('finds the matching brace past nested brackets and quoted braces', () => {
    const result = template(`{f({a: [1, '}'], "b": ")"})} and {x}`)
    expect(result.parts.map((part) => (typeof part === 'string' ? part : part.source))).toEqual([
      `f({a: [1, '}'], "b": ")"})`,
      ' and ',
      'x',
    ])
  })

  it('puts adjacent interpolations side by side without empty strings', () => {
    expect(template('{a}{b}').parts.map((part) => typeof part)).toEqual(['object', 'object'])
  })

  it('maps positions through a locator across newlines', () => {
    const text = 'Dear {user.name},\n  your total is {order.total * 2}.\n{ ignored }'
    const result = parseTemplate(text, createLocator(text, point(3, 7, 40)))
    if (typeof result === 'string') throw new Error('expected a template')
    expect(result.position).toEqual({ start: point(3, 7, 40), end: point(5, 12, 104) })
    const [dear, first, middle, second, rest] = result.parts
    expect([dear, middle, rest]).toEqual(['Dear ', ',\n  your total is ', '.\n{ ignored }'])
    const user = first as Interpolation
    expect(user.position).toEqual({ start: point(3, 12, 45), end: point(3, 23, 56) })
    expect(user.expression.position).toEqual({ start: point(3, 13, 46), end: point(3, 22, 55) })
    const total = second as Interpolation
    expect(total.position).toEqual({ start: point(4, 17, 74), end: point(4, 34, 91) })
    expect(total.expression.position).toEqual({ start: point(4, 18, 75), end: point(4, 33, 90) })
    if (total.expression.type !== 'binary') throw new Error('expected a binary')
    expect(total.expression.right.position).toEqual({ start: point(4, 32, 89), end: point(4, 33, 90) })
  })

  it('reports an expression error inside an interpolation at its source position', () => {
    const text = 'a\n  {x +}'
    const error = parseError(() => parseTemplate(text, createLocator(text, point(3, 7, 40))))
    expect(error.message).toBe('unexpected end of expression "x +"; expected a value')
    expect(error.position).toEqual({ start: point(4, 7, 48), end: point(4, 7, 48) })
  })

  it('reports an unclosed interpolation at its opening brace', () => {
    const error = parseError(() => parseTemplate('Hello {name'))
    expect(error.message).toBe('unclosed "{" in text; expected "}"')
    expect(error.position).toEqual(span(7, 8))
    expect(parseError(() => parseTemplate("{'abc}")).message).toBe('unclosed "{" in text; expected "}"')
    expect(parseError(() => parseTemplate('{ok} then {f(x}')).position).toEqual(span(11, 12))
  })

  it('reports a stray closer inside an interpolation through the expression parser', () => {
    expect(parseError(() => parseTemplate('{a)}')).message).toBe(
      'unexpected ")" in expression "a)"; expected an operator',
    )
  })
})

describe('findInterpolation', () => {
  it('returns the span of the first interpolation, braces included', () => {
    expect(findInterpolation('SELECT * FROM t WHERE id = {id} AND x = {x}')).toEqual({ index: 27, end: 31 })
    expect(findInterpolation('{a}')).toEqual({ index: 0, end: 3 })
  })

  it('skips braces that are literal by the template rules', () => {
    expect(findInterpolation(`SELECT '{ "a": 1 }', '{"b": 2}' FROM t`)).toBeUndefined()
    expect(findInterpolation('{"id": {order.id}}')).toEqual({ index: 7, end: 17 })
    expect(findInterpolation('no braces')).toBeUndefined()
  })

  it('returns undefined for an interpolation that is never closed', () => {
    expect(findInterpolation('WHERE id = {id')).toBeUndefined()
  })
})
