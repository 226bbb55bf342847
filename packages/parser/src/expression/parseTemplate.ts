import type { Bindable, TemplatePart } from '@quantum/ast'
import { fitted } from '../fitted'
import { findClosingBrace, nextInterpolationStart, unclosedBrace } from './interpolation'
import type { ValueLocator } from './locator'
import { createLocator, ORIGIN, shiftLocator, spanOf } from './locator'
import { parseExpression } from './parseExpression'

/**
 * Parses an attribute value or text with databinding. A `{` starts an interpolation only when an
 * expression can follow it (a name, digit, quote, `(`, `[`, `!` or `-`, but not a JSON key such as
 * `{"id":`); any other `{` is literal text, as are `$` and `#` before a brace.
 *
 * @param text - The value, entities already decoded.
 * @param locator - Maps indexes in `text` to source points; defaults to `text` starting at 1:1.
 * @returns `text` itself when it has no interpolation, else a template of literal strings (never empty)
 *   and interpolations in source order.
 * @throws ParseError (`PARSE_EXPRESSION`) on an unclosed interpolation or an invalid expression.
 */
export function parseTemplate(text: string, locator?: ValueLocator): Bindable {
  let index = nextInterpolationStart(text, 0)
  if (index === -1) return text
  const located = locator ?? createLocator(text, ORIGIN)
  const parts: TemplatePart[] = []
  let literalStart = 0
  while (index !== -1) {
    const close = findClosingBrace(text, index)
    if (close === -1) throw unclosedBrace(located, index, 'text')
    if (index > literalStart) parts.push(text.slice(literalStart, index))
    const source = text.slice(index + 1, close)
    parts.push({
      type: 'interpolation',
      expression: parseExpression(source, shiftLocator(located, index + 1)),
      source,
      position: spanOf(located, index, close + 1),
    })
    literalStart = close + 1
    index = nextInterpolationStart(text, literalStart)
  }
  if (literalStart < text.length) parts.push(text.slice(literalStart))
  return { type: 'template', parts: fitted(parts), position: spanOf(located, 0, text.length) }
}
