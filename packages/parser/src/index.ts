/**
 * @packageDocumentation
 * `.q` source → `Document`: XML read with `@xmldom/xmldom` (tolerant of raw `<` in SQL and stray `&`),
 * one syntax handler per tag, databinding parsed once, every problem reported with its position.
 */
export { parse, check } from './parse'
export type { ParseOptions, CheckResult } from './parse'
export { TagRegistry } from './syntax/registry'
export type { AnySyntaxHandler } from './syntax/registry'
export { defineTag } from './syntax/handler'
export type { SyntaxHandler, Placement } from './syntax/handler'
export { SyntaxContext } from './syntax/context'
export type { SyntaxState } from './syntax/context'
export { AttributeReader } from './syntax/attributes'
export { builtinTags } from './tags/index'
export type { XElement, XText, XNode, XAttribute } from './xml/tree'
export { QUANTUM_NS } from './xml/tree'
export { parseExpression, parseTemplate, parseCondition, findInterpolation } from './expression/index'
export type { ValueLocator } from './expression/index'
export { parseDuration, formatDuration, checkCron, parseDateTime, isTimeZone } from './values/index'
export type { DurationResult, CronResult, DateTimeResult, LocalDateTime } from './values/index'
