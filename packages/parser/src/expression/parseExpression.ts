import type { Expression } from '@quantum/ast'
import type { ValueLocator } from './locator'
import { createLocator, ORIGIN } from './locator'
import { parseTokens } from './parser'

/**
 * Parses one Quantum expression (the text inside `{…}`, without the braces) into its AST.
 * Every node gets a `position` mapped through `locator`.
 *
 * @param source - The expression text.
 * @param locator - Maps indexes in `source` to source points; defaults to `source` starting at 1:1.
 * @throws ParseError (`PARSE_EXPRESSION`) pointing at the offending token.
 */
export function parseExpression(source: string, locator?: ValueLocator): Expression {
  return parseTokens({ text: source, display: source, locator: locator ?? createLocator(source, ORIGIN) })
}
