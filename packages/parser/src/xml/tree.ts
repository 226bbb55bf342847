import type { Position } from '@quantum/ast'
import type { ValueLocator } from '../expression/index'

/** Namespace of Quantum tags; injected for documents that use `q:` without declaring it. */
export const QUANTUM_NS = 'https://quantum.lang/ns'

/**
 * The XML tree the syntax handlers read: xmldom's DOM reduced to what the language needs, with exact
 * positions and placeholders already turned back into the characters the user wrote.
 */
export type XNode = XElement | XText

export interface XElement {
  kind: 'element'
  /** Name as written (`q:set`, `p`). */
  name: string
  /** Name without prefix (`set`, `p`). */
  local: string
  /** A `q:` prefix or the Quantum namespace. */
  quantum: boolean
  position: Position
  /** Offsets of what lies between the start and end tags, as written. */
  content: { start: number; end: number }
  attributes: XAttribute[]
  children: XNode[]
}

export interface XAttribute {
  name: string
  value: string
  /** From the attribute's name to its closing quote. */
  readonly position: Position
  /** Maps an index in `value` to its place in the source. */
  locator: ValueLocator
}

export interface XText {
  kind: 'text'
  value: string
  /** CDATA sections are text too, but never databound. */
  cdata: boolean
  readonly position: Position
  locator: ValueLocator
}
