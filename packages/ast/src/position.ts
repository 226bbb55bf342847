/** A place in a source file (unist `Point`): 1-based line and column, 0-based offset. */
export interface Point {
  line: number
  column: number
  offset: number
}

/** The span a node or error covers; `end` is the first character after it (unist `Position`). */
export interface Position {
  start: Point
  end: Point
}

/** `line:col` of a position's start, as printed in diagnostics. */
export function formatPoint(position: Position | undefined): string {
  return position ? `${position.start.line}:${position.start.column}` : '0:0'
}
