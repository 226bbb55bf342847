import type { Expression } from '@quantum/ast'
import { quote } from './errors'
import { findClosingBrace, nextInterpolationStart } from './interpolation'
import type { ValueLocator } from './locator'
import { createLocator, ORIGIN } from './locator'
import { parseTokens } from './parser'
import { unclosedBrace } from './parseTemplate'

/**
 * Parses a `condition` attribute (`q:if`, `q:filter`) as one expression in which braces may wrap the
 * whole condition or parts of it: `{a == 0}`, `{a} == 0`, `a == 0`, `{x} > {y}` are all accepted.
 *
 * @param text - The attribute value.
 * @param locator - Maps indexes in `text` to source points; defaults to `text` starting at 1:1.
 * @throws ParseError (`PARSE_EXPRESSION`) on an unclosed brace or an invalid expression.
 */
export function parseCondition(text: string, locator?: ValueLocator): Expression {
  const located = locator ?? createLocator(text, ORIGIN)
  // Each interpolation's braces become parens of the same width, so indexes, and so positions, still match.
  let rewritten = ''
  let copied = 0
  for (
    let index = nextInterpolationStart(text, 0);
    index !== -1;
    index = nextInterpolationStart(text, copied)
  ) {
    const close = findClosingBrace(text, index)
    if (close === -1) throw unclosedBrace(located, index, `condition ${quote(text)}`)
    rewritten += `${text.slice(copied, index)}(${text.slice(index + 1, close)})`
    copied = close + 1
  }
  rewritten += text.slice(copied)
  return parseTokens({ text: rewritten, display: text, locator: located })
}
