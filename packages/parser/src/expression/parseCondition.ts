import type { Expression } from '@quantum/ast'
import { quote } from './errors'
import { findClosingBrace, skipString, unclosedBrace } from './interpolation'
import type { ValueLocator } from './locator'
import { createLocator, ORIGIN } from './locator'
import { parseTokens } from './parser'

/**
 * Parses a `condition` attribute (`q:if`, `q:filter`) as one expression in which braces may wrap the
 * whole condition or parts of it: `{a == 0}`, `{ a == 0 }`, `{a} == 0`, `a == 0`, `{x} > {y}` are all accepted.
 * A condition is always an expression, so unlike text any `{` outside a string is a brace, even `{ `.
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
  let index = nextBrace(text, 0)
  while (index !== -1) {
    const close = findClosingBrace(text, index)
    if (close === -1) throw unclosedBrace(located, index, `condition ${quote(text)}`)
    rewritten += `${text.slice(copied, index)}(${text.slice(index + 1, close)})`
    copied = close + 1
    index = nextBrace(text, copied)
  }
  rewritten += text.slice(copied)
  return parseTokens({ text: rewritten, display: text, locator: located })
}

/** Index of the next `{` at or after `from` that is not inside a quoted string, or -1. */
function nextBrace(text: string, from: number): number {
  for (let index = from; index < text.length; index++) {
    const ch = text[index]
    if (ch === '{') return index
    if (ch === '"' || ch === "'") {
      const end = skipString(text, index)
      if (end === -1) return -1
      index = end - 1
    }
  }
  return -1
}
