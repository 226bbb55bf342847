import type { Point, Position } from '@quantum/ast'

/** Maps an index in the string being parsed (0..length inclusive) to a source Point. */
export interface ValueLocator {
  point(index: number): Point
}

/** Where a string parsed on its own (no locator given) starts. */
export const ORIGIN: Point = { line: 1, column: 1, offset: 0 }

/**
 * Locator for a string that starts at `start` in the source and has no escapes: index `i` is `i`
 * characters further on, with each `\n` in the string starting a new line at column 1.
 *
 * @param text - The string whose indexes will be located.
 * @param start - The source point of `text[0]`.
 */
export function createLocator(text: string, start: Point): ValueLocator {
  const newlines: number[] = []
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) newlines.push(i)
  const { line, column, offset } = start
  return {
    point(index: number): Point {
      let low = 0
      let high = newlines.length
      while (low < high) {
        const middle = (low + high) >>> 1
        if ((newlines[middle] as number) < index) low = middle + 1
        else high = middle
      }
      if (low === 0) return { line, column: column + index, offset: offset + index }
      return { line: line + low, column: index - (newlines[low - 1] as number), offset: offset + index }
    },
  }
}

/** A locator for the substring of `locator`'s string that starts at index `delta`. */
export function shiftLocator(locator: ValueLocator, delta: number): ValueLocator {
  return { point: (index) => locator.point(index + delta) }
}

/** The position covering indexes `start` (inclusive) to `end` (exclusive). */
export function spanOf(locator: ValueLocator, start: number, end: number): Position {
  return { start: locator.point(start), end: locator.point(end) }
}
