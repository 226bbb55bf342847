import type { Point, Position } from '@quantum/ast'

/** Converts between offsets and line/column points of one source text. */
export class LineIndex {
  private readonly starts: number[] = [0]

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10) this.starts.push(i + 1)
    }
  }

  point(offset: number): Point {
    const clamped = Math.max(0, Math.min(offset, this.text.length))
    let low = 0
    let high = this.starts.length - 1
    while (low < high) {
      const mid = (low + high + 1) >> 1
      if ((this.starts[mid] as number) <= clamped) low = mid
      else high = mid - 1
    }
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
