import type { Bindable, ErrorCode, Point, Position, Statement } from '@quantum/ast'
import type { ValueLocator } from '../expression/index'
import type { XElement, XNode } from '../xml/tree'
import type { AttributeReader } from './attributes'
import type { Placement } from './handler'

/**
 * Flags a handler sets with `ctx.within` for the elements below it, by a name of its choosing:
 * `loop` inside a `q:loop` body, `batch` inside a batch body. An unset flag reads as false.
 */
export type SyntaxState = Readonly<Record<string, boolean | undefined>>

/**
 * What a syntax handler's `parse(element, ctx)` gets as `ctx`: readers for attributes and bodies, and
 * the problem list of the document being parsed. Handlers never throw for bad input, they report.
 */
export interface SyntaxApi {
  /** What the handlers above this element set (inside a loop, inside a batch). */
  readonly state: Readonly<SyntaxState>
  /** The whole text of the document, for a handler that reads an element's raw content (`element.content`). */
  readonly source: string

  /** Run `parse` with part of the state changed, restoring it after. */
  within<T>(patch: Partial<SyntaxState>, parse: () => T): T

  /** Record a problem; parsing goes on so that every problem is reported at once. */
  report(
    code: ErrorCode,
    message: string,
    position: Position | undefined,
    kind?: 'parse' | 'validation',
  ): void

  /**
   * Record a warning: something that parses and runs but is likely a mistake (a schedule body that does
   * nothing). Warnings never make a document invalid; `check` lists them apart from its problems.
   */
  warn(code: ErrorCode, message: string, position: Position | undefined): void

  /** Record a `ParseError` or `ValidationError` thrown by a helper (an expression parse); rethrow anything else. */
  reportError(error: unknown): void

  /** Attribute reader for an element; attributes outside `allowed` are reported now. */
  attributes(element: XElement, allowed: readonly string[]): AttributeReader

  /** Build the node for one child element with its handler, wherever it stands. */
  node<T>(element: XElement): T | undefined

  /** Nodes built by their handlers for each element of a list. */
  nodes<T>(elements: readonly XElement[] | undefined): T[]

  /**
   * Parse children as a body of statements. Whitespace-only text is dropped, except the inline spaces
   * between HTML elements (`<b>a</b> <i>b</i>`) when `inlineSpaces` is set.
   */
  statements(children: readonly XNode[], inlineSpaces?: boolean): Statement[]

  /** Split children into the `q:` tags named in `tags` and everything else (in order). */
  split(element: XElement, tags: readonly string[]): { taken: Map<string, XElement[]>; rest: XNode[] }

  /** Report a body where the tag takes none (non-whitespace text or elements). */
  expectEmpty(nodes: readonly XNode[], message: string): void

  /** Report a tag found where its placement does not allow it. */
  misplaced(element: XElement, placement: Placement): void

  /** Databind a value; reports a syntax error and returns undefined when it has one. */
  bind(value: string, locator: ValueLocator): Bindable | undefined

  /** The line and column of an offset in {@link SyntaxApi.source}. */
  point(offset: number): Point
}
