import {
  type Bindable,
  type ErrorCode,
  ErrorCodes,
  ParseError,
  type Point,
  type Position,
  type Statement,
  ValidationError,
} from '@quantum/ast'
import { closest } from '../closest'
import { parseTemplate, type ValueLocator } from '../expression/index'
import { fitted } from '../fitted'
import { ProblemList } from '../problemList'
import type { LineIndex } from '../xml/lines'
import type { XElement, XNode } from '../xml/tree'
import type { SyntaxApi, SyntaxState } from './api'
import { AttributeReader } from './attributes'
import type { Placement } from './handler'
import type { AnySyntaxHandler, TagRegistry } from './registry'

/**
 * The {@link SyntaxApi} of one document: the registry, the problem list, and helpers that read attributes
 * and bodies. Only `parse` creates one; handlers see it as a `SyntaxApi`.
 */
export class SyntaxContext implements SyntaxApi {
  /** The flags the handlers above the current element set. */
  state: SyntaxState = {}

  private depth = 0
  /** The hint for each unknown tag name, worked out once however often the name is used. */
  private readonly hints = new Map<string, string>()

  constructor(
    readonly registry: TagRegistry,
    readonly source: string,
    private readonly lines: LineIndex,
    readonly file: string | undefined,
    /** Where problems go; bounded, so that a hostile document cannot flood it. */
    readonly problems: ProblemList = new ProblemList(file),
    /** Where warnings go; bounded like the problems. */
    readonly warnings: ProblemList = new ProblemList(file),
  ) {}

  /** The line and column of an offset in the source. */
  point(offset: number): Point {
    return this.lines.point(offset)
  }

  /** Run `parse` with part of the state changed, restoring it after. */
  within<T>(patch: Partial<SyntaxState>, parse: () => T): T {
    const saved = this.state
    this.state = { ...saved, ...patch }
    try {
      return parse()
    } finally {
      this.state = saved
    }
  }

  /** Record a problem; parsing goes on so that every problem is reported at once. */
  report(
    code: ErrorCode,
    message: string,
    position: Position | undefined,
    kind: 'parse' | 'validation' = 'validation',
  ) {
    const Class = kind === 'parse' ? ParseError : ValidationError
    this.problems.addAt(position, () => new Class(code, message, this.located(position)))
  }

  /** Record a warning; it never makes the document invalid. */
  warn(code: ErrorCode, message: string, position: Position | undefined) {
    this.warnings.addAt(position, () => new ValidationError(code, message, this.located(position)))
  }

  private located(position: Position | undefined): { position?: Position; file?: string } {
    const options: { position?: Position; file?: string } = {}
    if (position) options.position = position
    if (this.file !== undefined) options.file = this.file
    return options
  }

  /** Record an error thrown by a helper (an expression parse), adding the file. */
  reportError(error: unknown) {
    if (error instanceof ParseError || error instanceof ValidationError) {
      if (this.file !== undefined && error.file === undefined) error.file = this.file
      this.problems.add(error)
      return
    }
    throw error
  }

  /** Attribute reader for an element; attributes outside `allowed` are reported now. */
  attributes(element: XElement, allowed: readonly string[]): AttributeReader {
    return new AttributeReader(element, this, allowed)
  }

  /** The handler for a `q:` tag, or a report that the tag is unknown. */
  handlerFor(element: XElement): AnySyntaxHandler | undefined {
    const handler = this.registry.get(element.local)
    if (!handler) {
      let hint = this.hints.get(element.local)
      if (hint === undefined) {
        const known = this.registry.tags()
        const guess = closest(element.local, known)
        hint = guess ? `did you mean <q:${guess}>?` : `known tags are: ${known.join(', ')}`
        this.hints.set(element.local, hint)
      }
      this.report(ErrorCodes.PARSE_UNKNOWN_TAG, `unknown tag <${element.name}>; ${hint}`, element.position)
    }
    return handler
  }

  /** Build the node for one child element with its handler, wherever it stands. */
  node<T>(element: XElement): T | undefined {
    const handler = this.handlerFor(element)
    return handler ? (handler.parse(element, this) as T | undefined) : undefined
  }

  /**
   * Parse children as a body of statements. Whitespace-only text is dropped, except the inline spaces
   * between HTML elements (`<b>a</b> <i>b</i>`) when `inlineSpaces` is set.
   */
  statements(children: readonly XNode[], inlineSpaces = false): Statement[] {
    return this.nested(children, () => this.body(children, inlineSpaces))
  }

  /** Build what lies one level further in, or report that tags are nested too deeply. */
  private nested(children: readonly XNode[], build: () => Statement[]): Statement[] {
    // Deep nesting would overflow the stack; it is also never what an author meant.
    if (++this.depth > MAX_DEPTH) {
      this.depth--
      const first = children.find((child) => child.kind === 'element')
      if (first)
        this.report(
          ErrorCodes.PARSE_INVALID_STRUCTURE,
          `tags nested deeper than ${MAX_DEPTH}`,
          first.position,
        )
      return []
    }
    try {
      return build()
    } finally {
      this.depth--
    }
  }

  private body(children: readonly XNode[], inlineSpaces: boolean): Statement[] {
    const body: Statement[] = []
    // The last statement and the handler that built it, which may take the elements that follow.
    let previous: { node: Statement; handler: AnySyntaxHandler } | undefined
    for (const child of children) {
      if (child.kind === 'text') {
        if (child.value.trim() === '') {
          // Space between HTML elements separates words; elsewhere it is only layout. Either way a
          // q:else after it still belongs to the q:if before it.
          if (inlineSpaces) body.push({ type: 'text', value: ' ', position: child.position })
          continue
        }
        const node = this.text(child.value, child.cdata, child)
        if (node) body.push(node)
        previous = undefined
        continue
      }
      if (!child.quantum) {
        const node = this.element(child)
        body.push(node)
        previous = undefined
        continue
      }
      const handler = this.handlerFor(child)
      if (!handler) {
        previous = undefined
        continue
      }
      const placement = handler.placement
      const asStatement = placement !== 'statement' && handler.statementWhen?.(this.state) === true
      if (placement === 'statement' || asStatement) {
        const node = (
          asStatement && handler.parseStatement
            ? handler.parseStatement(child, this)
            : handler.parse(child, this)
        ) as Statement | undefined
        if (node) body.push(node)
        previous = node ? { node, handler } : undefined
        continue
      }
      if (previous?.handler.attachSibling?.(previous.node, child, this)) continue
      this.misplaced(child, placement)
      previous = undefined
    }
    return fitted(body)
  }

  /** Report a tag found where its placement does not allow it. */
  misplaced(element: XElement, placement: Placement) {
    const where =
      placement === 'root'
        ? "must be the document's root element"
        : placement === 'statement'
          ? 'is not allowed here'
          : `is only allowed inside ${placement.parents.map((parent) => `<q:${parent}>`).join(' or ')}`
    this.report(ErrorCodes.PARSE_MISPLACED_TAG, `<${element.name}> ${where}`, element.position)
  }

  /** Split children into the `q:` tags named in `tags` and everything else (in order). */
  split(element: XElement, tags: readonly string[]): { taken: Map<string, XElement[]>; rest: XNode[] } {
    const taken = new Map<string, XElement[]>()
    const rest: XNode[] = []
    for (const child of element.children) {
      if (child.kind === 'element' && child.quantum && tags.includes(child.local)) {
        const list = taken.get(child.local) ?? []
        list.push(child)
        taken.set(child.local, list)
      } else {
        rest.push(child)
      }
    }
    return { taken, rest }
  }

  /** Nodes built by their handlers for each element of a list. */
  nodes<T>(elements: readonly XElement[] | undefined): T[] {
    const out: T[] = []
    for (const element of elements ?? []) {
      const node = this.node<T>(element)
      if (node) out.push(node)
    }
    return out
  }

  /** Report a body where the tag takes none (non-whitespace text or elements). */
  expectEmpty(nodes: readonly XNode[], message: string) {
    for (const node of nodes) {
      if (node.kind === 'text' && node.value.trim() === '') continue
      this.report(ErrorCodes.PARSE_INVALID_STRUCTURE, message, node.position)
      return
    }
  }

  private text(value: string, cdata: boolean, node: XNode & { kind: 'text' }): Statement | undefined {
    if (cdata) return { type: 'text', value, position: node.position }
    const bound = this.bind(value, node.locator)
    return bound === undefined ? undefined : { type: 'text', value: bound, position: node.position }
  }

  private element(element: XElement): Statement {
    const literal = LITERAL_ELEMENTS.has(element.local.toLowerCase())
    const attributes = element.attributes
      .filter((attribute) => !attribute.name.startsWith('xmlns'))
      .map((attribute) => ({
        name: attribute.name,
        value: this.bind(attribute.value, attribute.locator) ?? attribute.value,
      }))
    const children: Statement[] = literal
      ? this.nested(element.children, () =>
          element.children.map((child) =>
            child.kind === 'text'
              ? { type: 'text' as const, value: child.value, raw: true as const, position: child.position }
              : this.element(child),
          ),
        )
      : trimSpaces(this.statements(element.children, true))
    return {
      type: 'element',
      name: element.name,
      attributes: attributes.length > 0 ? attributes : EMPTY,
      children: children.length > 0 ? children : EMPTY,
      position: element.position,
    }
  }

  /** Databind a value; reports a syntax error and returns undefined when it has one. */
  bind(value: string, locator: ValueLocator): Bindable | undefined {
    try {
      return parseTemplate(value, locator)
    } catch (error) {
      this.reportError(error)
      return undefined
    }
  }
}

/** Drop the space kept for the layout right after a start tag and right before an end tag. */
function trimSpaces(children: Statement[]): Statement[] {
  const space = (node: Statement | undefined) => node?.type === 'text' && node.value === ' '
  let start = 0
  let end = children.length
  while (start < end && space(children[start])) start++
  while (end > start && space(children[end - 1])) end--
  return start === 0 && end === children.length ? children : children.slice(start, end)
}

/**
 * The attributes or children of an HTML element that has none: one frozen array for all of them, as a
 * flood of `<br/>` would otherwise spend a quarter of its AST on empty arrays. It serialises as `[]`.
 */
const EMPTY: never[] = Object.freeze([]) as never[]

/** How deep tags may nest. */
const MAX_DEPTH = 256

/** Text inside these HTML elements is code or styles: never databound, written as is. */
const LITERAL_ELEMENTS = new Set(['script', 'style'])
