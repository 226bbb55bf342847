import type { Point, Position } from '@quantum/ast'
import { ParseError } from '@quantum/ast'
import { expect } from 'vitest'

/** A copy of an AST without `position` fields, to compare shapes. */
export function strip<T>(node: T): T {
  return JSON.parse(JSON.stringify(node, (key, value) => (key === 'position' ? undefined : value)))
}

export function point(line: number, column: number, offset: number): Point {
  return { line, column, offset }
}

/** A one-line position from column/offset pairs (offset = column - 1 for text starting at 1:1). */
export function span(startColumn: number, endColumn: number, line = 1): Position {
  return { start: point(line, startColumn, startColumn - 1), end: point(line, endColumn, endColumn - 1) }
}

/** Runs `parse`, expects a PARSE_EXPRESSION ParseError, and returns it. */
export function parseError(parse: () => unknown): ParseError {
  try {
    parse()
  } catch (error) {
    expect(error).toBeInstanceOf(ParseError)
    expect((error as ParseError).code).toBe('PARSE_EXPRESSION')
    return error as ParseError
  }
  throw new Error('expected a ParseError, but parsing succeeded')
}
