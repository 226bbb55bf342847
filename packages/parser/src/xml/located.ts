import type { Position } from '@quantum/ast'
import type { ValueLocator } from '../expression/index'
import { decodeRaw } from './decode'
import type { LineIndex } from './lines'
import { AMP_PLACEHOLDER } from './protect'
import type { XAttribute, XElement, XNode, XText } from './tree'

/** Decodes the raw value only if a position inside it is ever asked for (an expression in it). */
export class DecodingLocator implements ValueLocator {
  private offsets: number[] | undefined

  constructor(
    private readonly shielded: string,
    private readonly lines: LineIndex,
    private readonly start: number,
    private readonly end: number,
    private readonly attribute: boolean,
  ) {}

  point(index: number) {
    if (this.offsets === undefined) {
      const raw = this.shielded.slice(this.start, this.end)
      // Without entities a decoded index is a raw index: no table needed.
      const encoded = raw.includes('&') || raw.includes(AMP_PLACEHOLDER)
      this.offsets = encoded ? decodeRaw(raw, this.start, { attribute: this.attribute }).offsets : []
    }
    if (this.offsets.length === 0)
      return this.lines.point(this.start + Math.min(index, this.end - this.start))
    return this.lines.point(this.offsets[Math.min(index, this.offsets.length - 1)] ?? this.start)
  }
}

/** Maps index `i` to `start + i`: for text that is used as written (CDATA). */
export class FlatLocator implements ValueLocator {
  constructor(
    private readonly lines: LineIndex,
    private readonly start: number,
  ) {}

  point(index: number) {
    return this.lines.point(this.start + index)
  }
}

/** Positions are computed when asked for: most attributes and texts never need one. */
abstract class Located {
  private cached: Position | undefined

  constructor(
    protected readonly lines: LineIndex,
    protected readonly start: number,
    protected end: number,
  ) {}

  get position(): Position {
    this.cached ??= this.lines.position(this.start, this.end)
    return this.cached
  }
}

export class LocatedAttribute extends Located implements XAttribute {
  constructor(
    readonly name: string,
    readonly value: string,
    lines: LineIndex,
    span: { start: number; end: number },
    readonly locator: ValueLocator,
  ) {
    super(lines, span.start, span.end)
  }
}

export class LocatedText extends Located implements XText {
  readonly kind = 'text'

  constructor(
    public value: string,
    readonly cdata: boolean,
    lines: LineIndex,
    span: { start: number; end: number },
    public locator: ValueLocator,
  ) {
    super(lines, span.start, span.end)
  }
}

/**
 * An element of the tree. A class, with its kind on the prototype and its content offsets as plain
 * numbers, because a large document is mostly elements: 40 bytes fewer each than an object literal
 * with a `content` object.
 */
export class LocatedElement implements XElement {
  children: XNode[]

  constructor(
    readonly name: string,
    readonly local: string,
    readonly quantum: boolean,
    readonly position: Position,
    private readonly contentStart: number,
    private readonly contentEnd: number,
    public attributes: XAttribute[],
    children: XNode[],
  ) {
    this.children = children
  }

  get kind(): 'element' {
    return 'element'
  }

  get content(): { start: number; end: number } {
    return { start: this.contentStart, end: this.contentEnd }
  }
}
