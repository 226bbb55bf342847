/**
 * @packageDocumentation
 * The Quantum expression language: a hand-written lexer and precedence-climbing parser, and the
 * scanner that finds `{expr}` databinding in attribute values and text.
 */

export { findInterpolation } from './interpolation'
export type { ValueLocator } from './locator'
export { createLocator } from './locator'
export { parseCondition } from './parseCondition'
export { parseExpression } from './parseExpression'
export { parseTemplate } from './parseTemplate'
