import { ErrorCodes, ParseError } from '@quantum/ast'
import type { ValueLocator } from './locator'
import { spanOf } from './locator'

/** The text being tokenized, how to show it in messages, and where it sits in the source. */
export interface SourceContext {
  text: string
  /** Quoted in messages; differs from `text` only for conditions, whose braces were rewritten to parens. */
  display: string
  locator: ValueLocator
}

const MAX_QUOTED = 60

/** A `PARSE_EXPRESSION` error covering indexes `start..end` of the context's text. */
export function expressionError(
  context: SourceContext,
  message: string,
  start: number,
  end: number,
): ParseError {
  return new ParseError(ErrorCodes.PARSE_EXPRESSION, message, {
    position: spanOf(context.locator, start, end),
  })
}

/** `"text"` for a message: one line, cut short when long. */
export function quote(text: string, max = MAX_QUOTED): string {
  const flat = text.includes('\n') ? text.replace(/\s*\n\s*/g, ' ') : text
  return `"${flat.length > max ? `${flat.slice(0, max - 1)}…` : flat}"`
}
