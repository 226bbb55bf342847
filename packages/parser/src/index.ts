/**
 * @packageDocumentation
 * `.q` source → `Document`: XML read with `@xmldom/xmldom` (tolerant of raw `<` in SQL and stray `&`),
 * one syntax handler per tag, databinding parsed once, every problem reported with its position.
 */

export { closest } from './closest'
export type { ValueLocator } from './expression/index'
export { findInterpolation, parseCondition, parseExpression, parseTemplate } from './expression/index'
export type { CheckResult, ParseOptions } from './parse'
export { check, parse } from './parse'
export { MAX_PROBLEMS, problemCount } from './problemList'
export type { SourceSizeOptions } from './sourceSize'
export { MAX_SOURCE_BYTES, sourceSizeError } from './sourceSize'
export type { SyntaxApi, SyntaxState } from './syntax/api'
export type { AttributeReader } from './syntax/attributes'
export type { Placement, SyntaxHandler } from './syntax/handler'
export { defineTag } from './syntax/handler'
export type { AnySyntaxHandler } from './syntax/registry'
export { TagRegistry } from './syntax/registry'
export { builtinTags } from './tags/index'
export type { XAttribute, XElement, XNode, XText } from './xml/tree'
export { QUANTUM_NS } from './xml/tree'
