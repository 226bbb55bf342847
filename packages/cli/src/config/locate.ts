import type { Point, Position } from '@quantum/ast'
import { findNodeAtLocation, type Node, type ParseError, parseTree } from 'jsonc-parser'

/** Where things are in a JSON text, for errors that point at the key or value at fault. */
export class JsonLocator {
  readonly #text: string
  readonly #tree: Node | undefined
  /** Where the text stops being JSON, when it does. */
  readonly syntaxError: Position | undefined

  constructor(text: string) {
    this.#text = text
    const errors: ParseError[] = []
    this.#tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false })
    const first = errors[0]
    this.syntaxError = first && this.#span(first.offset, first.length)
  }

  /**
   * The value at `path`, or its key when `atKey`; a path that is not in the text (a missing key) gives
   * the nearest value that is.
   */
  find(path: readonly PropertyKey[], { atKey = false }: { atKey?: boolean } = {}): Position | undefined {
    if (!this.#tree) return undefined
    for (let length = path.length; length >= 0; length--) {
      const segments = path.slice(0, length).map((step) => (typeof step === 'number' ? step : String(step)))
      const node = findNodeAtLocation(this.#tree, segments)
      if (!node) continue
      const key = atKey && length === path.length ? node.parent?.children?.[0] : undefined
      const at = key ?? node
      return this.#span(at.offset, at.length)
    }
    return undefined
  }

  #span(offset: number, length: number): Position {
    return { start: this.#point(offset), end: this.#point(offset + length) }
  }

  #point(offset: number): Point {
    const before = this.#text.slice(0, offset)
    const lineStart = before.lastIndexOf('\n') + 1
    return { line: before.split('\n').length, column: offset - lineStart + 1, offset }
  }
}
