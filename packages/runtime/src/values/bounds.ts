import { ErrorCodes } from '@quantum/ast'
import { runtimeError } from '../run/errors'
import { DEFAULT_LIMITS } from '../run/limits'

/**
 * How far an operation that walks or builds a value may go: the serialisers, loose comparison,
 * `unique` and the portable copy check these as they work, so a huge, cyclic or deeply nested value
 * ends in `RUNTIME_LIMIT_EXCEEDED` instead of exhausting memory or the stack.
 */
export interface ValueBounds {
  /** Characters of a string, or items of a collection, an operation may build. */
  maxLength: number
  /** Levels of nested arrays and objects an operation follows. */
  maxDepth: number
  /** Accounts for `units` of work (items visited); throws once the run is over its steps or wall time. */
  charge?(units: number): void
}

/** The bounds of a runtime with the default limits; what a call outside any run uses. */
export const DEFAULT_BOUNDS: ValueBounds = {
  maxLength: DEFAULT_LIMITS.maxValueLength,
  maxDepth: DEFAULT_LIMITS.maxValueDepth,
}

/** The error for a value nested deeper than `bounds.maxDepth` (a cycle is one), naming what was done. */
export function tooDeep(bounds: ValueBounds, doing: string) {
  return runtimeError(
    ErrorCodes.RUNTIME_LIMIT_EXCEEDED,
    `cannot ${doing} a value nested deeper than ${bounds.maxDepth} levels`,
    {},
  )
}

/** The error for a value of more than `bounds.maxLength` characters or items, naming what was done. */
export function tooLong(bounds: ValueBounds, doing: string) {
  return runtimeError(
    ErrorCodes.RUNTIME_LIMIT_EXCEEDED,
    `cannot ${doing} a value of more than ${bounds.maxLength} items or characters`,
    {},
  )
}

/**
 * Step into a collection of `items` at `depth` while `doing` something to a value: fails past
 * `bounds.maxDepth`, and charges the items.
 */
export function descend(bounds: ValueBounds, depth: number, items: number, doing: string): void {
  if (depth >= bounds.maxDepth) throw tooDeep(bounds, doing)
  bounds.charge?.(items)
}

/**
 * Fail when `value` nests deeper than `bounds.maxDepth`, each object counted once (so a shared or
 * self-referencing value is walked in linear time): before a copy that cannot be stopped part way,
 * such as `structuredClone`, which overflows the stack a few thousand levels down.
 */
export function checkNesting(value: unknown, bounds: ValueBounds, doing: string): void {
  const seen = new Set<object>()
  const visit = (item: unknown, depth: number) => {
    if (typeof item !== 'object' || item === null || seen.has(item)) return
    seen.add(item)
    const items = Array.isArray(item) ? item : Object.values(item)
    descend(bounds, depth, items.length, doing)
    for (const inner of items) visit(inner, depth + 1)
  }
  visit(value, 0)
}
