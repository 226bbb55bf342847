import { ErrorCodes, ParseError } from '@quantum/ast'
import {
  BACKSLASH,
  BANG,
  CLOSE_BRACE,
  CLOSE_BRACKET,
  CLOSE_PAREN,
  COLON,
  DASH,
  isDigit,
  isIdentifierStart,
  isQuote,
  isWhitespace,
  OPEN_BRACE,
  OPEN_BRACKET,
  OPEN_PAREN,
} from './chars'
import type { ValueLocator } from './locator'
import { spanOf } from './locator'

/**
 * Finds the first `{expr}` in a text, by the same rules as `parseTemplate`: a `{` counts only when
 * followed by what can start an expression, and not when it opens a JSON object (`{"id": …`).
 *
 * @returns The span including both braces (`index` is the `{`, `end` the index after the `}`), or
 *   `undefined` when there is none or it is never closed.
 */
export function findInterpolation(text: string): { index: number; end: number } | undefined {
  const index = nextInterpolationStart(text, 0)
  if (index === -1) return undefined
  const close = findClosingBrace(text, index)
  return close === -1 ? undefined : { index, end: close + 1 }
}

/** Index of the next `{` at or after `from` that starts an interpolation, or -1. */
export function nextInterpolationStart(text: string, from: number): number {
  for (let index = text.indexOf('{', from); index !== -1; index = text.indexOf('{', index + 1)) {
    if (startsInterpolation(text, index)) return index
  }
  return -1
}

function startsInterpolation(text: string, brace: number): boolean {
  const code = text.charCodeAt(brace + 1)
  if (isQuote(code)) return !isJsonKey(text, brace + 1)
  return (
    isIdentifierStart(code) ||
    isDigit(code) ||
    code === OPEN_PAREN ||
    code === OPEN_BRACKET ||
    // `{{'total': n}}`: an object literal as the whole value (`{{name}}` is `{`, then `{name}`, then `}`)
    (code === OPEN_BRACE && opensObject(text, brace + 1)) ||
    code === BANG ||
    code === DASH
  )
}

/** `{'key':` or `{key:` at `open`: an object literal (its key, then a colon). */
function opensObject(text: string, open: number): boolean {
  let index = open + 1
  while (isWhitespace(text.charCodeAt(index))) index++
  if (isQuote(text.charCodeAt(index))) index = skipString(text, index)
  else if (isIdentifierStart(text.charCodeAt(index))) {
    while (/[\w$]/.test(text.charAt(index))) index++
  } else return false
  if (index === -1) return false
  while (isWhitespace(text.charCodeAt(index))) index++
  return text.charCodeAt(index) === COLON
}

/** `{"id": …` is a JSON object in the text, not an expression. */
function isJsonKey(text: string, quote: number): boolean {
  let index = skipString(text, quote)
  if (index === -1) return false
  while (isWhitespace(text.charCodeAt(index))) index++
  return text.charCodeAt(index) === COLON
}

/**
 * Index of the `}` closing the `{` at `open`, skipping nested brackets and quoted strings, or -1.
 * Brackets are only counted, not matched: the expression parser reports a mismatch more precisely.
 */
export function findClosingBrace(text: string, open: number): number {
  const length = text.length
  let depth = 0
  for (let index = open + 1; index < length; index++) {
    const code = text.charCodeAt(index)
    if (isQuote(code)) {
      const after = skipString(text, index)
      if (after === -1) return -1
      index = after - 1
    } else if (code === OPEN_BRACE || code === OPEN_BRACKET || code === OPEN_PAREN) {
      depth++
    } else if (code === CLOSE_BRACE) {
      if (depth === 0) return index
      depth--
    } else if ((code === CLOSE_BRACKET || code === CLOSE_PAREN) && depth > 0) {
      depth--
    }
  }
  return -1
}

/** Index after the string whose opening quote is at `quote`, or -1 when it is not closed. */
/** Index just after the string literal that opens at `quote`, or -1 when it is never closed. */
export function skipString(text: string, quote: number): number {
  const quoteCode = text.charCodeAt(quote)
  const length = text.length
  for (let index = quote + 1; index < length; index++) {
    const code = text.charCodeAt(index)
    if (code === quoteCode) return index + 1
    if (code === BACKSLASH) index++
  }
  return -1
}

/** The error for a `{` that starts an interpolation but has no matching `}`. */
export function unclosedBrace(locator: ValueLocator, index: number, where: string): ParseError {
  return new ParseError(ErrorCodes.PARSE_EXPRESSION, `unclosed "{" in ${where}; expected "}"`, {
    position: spanOf(locator, index, index + 1),
  })
}
