import type { Point, Position } from '@quantum/ast'

/** How many recent points {@link LineIndex} keeps to hand out again. */
const RECENT_POINTS = 8

/** Converts between offsets and line/column points of one source text. */
export class LineIndex {
  private readonly starts: number[] = [0]
  /** Line (0-based) of the last lookup: offsets mostly arrive in order, so it is usually still right. */
  private last = 0
  /**
   * The last points made, by offset modulo their number: an element's end is often the next one's
   * start, and an interpolation's span is its template's, so sharing the (never mutated) objects saves
   * up to half the points of a flood of small nodes.
   */
  private readonly recent: (Point | undefined)[] = new Array(RECENT_POINTS)

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10) this.starts.push(i + 1)
    }
  }

  point(offset: number): Point {
    const clamped = Math.max(0, Math.min(offset, this.text.length))
    const slot = clamped % RECENT_POINTS
    const known = this.recent[slot]
    if (known?.offset === clamped) return known
    const made = this.find(clamped)
    this.recent[slot] = made
    return made
  }

  private find(clamped: number): Point {
    const starts = this.starts
    const near = this.last
    if (
      (starts[near] as number) <= clamped &&
      (near + 1 >= starts.length || (starts[near + 1] as number) > clamped)
    ) {
      return { line: near + 1, column: clamped - (starts[near] as number) + 1, offset: clamped }
    }
    let low = 0
    let high = this.starts.length - 1
    while (low < high) {
      const mid = (low + high + 1) >> 1
      if ((this.starts[mid] as number) <= clamped) low = mid
      else high = mid - 1
    }
    this.last = low
    return { line: low + 1, column: clamped - (this.starts[low] as number) + 1, offset: clamped }
  }

  /** Offset of a 1-based line and column (as xmldom reports them). */
  offset(line: number, column: number): number {
    const start = this.starts[Math.max(0, line - 1)] ?? this.text.length
    return Math.min(start + Math.max(0, column - 1), this.text.length)
  }

  position(start: number, end: number): Position {
    return { start: this.point(start), end: this.point(end) }
  }
}
