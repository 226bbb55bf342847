import type { Point, Position } from '@quantum/ast'

/** Converts between offsets and line/column points of one source text. */
export class LineIndex {
  private readonly starts: number[] = [0]
  /** Line (0-based) of the last lookup: offsets mostly arrive in order, so it is usually still right. */
  private last = 0
  /**
   * The last point made: an element's end is often the next one's start, and sharing the (never
   * mutated) object saves one of a node's two points in a flood of small elements.
   */
  private lastPoint: Point | undefined

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10) this.starts.push(i + 1)
    }
  }

  point(offset: number): Point {
    const clamped = Math.max(0, Math.min(offset, this.text.length))
    if (this.lastPoint?.offset === clamped) return this.lastPoint
    this.lastPoint = this.find(clamped)
    return this.lastPoint
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
