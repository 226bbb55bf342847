/**
 * Collections that one variable alone holds, which `q:set` may therefore change in place (so that
 * building a list or a map in a loop stays linear). An update operation that builds a collection
 * for a variable owns it; any read that hands it to an expression (a lookup, a member) gives it up,
 * since the reader may keep it. Kept per process, like the value itself: a collection is owned or
 * not whichever run looks at it. An owned object's key count is kept too, so growing it in place
 * can be checked against the limits without counting its keys.
 */
const OWNED = new WeakMap<object, number>()

/** Mark a collection just built for one variable. */
export function own(value: object): void {
  OWNED.set(value, Array.isArray(value) ? value.length : Object.keys(value).length)
}

/** A read is handing `value` out: it may be shared from now on. Returns `value`. */
export function release<T>(value: T): T {
  if (typeof value === 'object' && value !== null) OWNED.delete(value)
  return value
}

/** True when only the variable that built it holds `value`. */
export function isOwned(value: unknown): value is object {
  return typeof value === 'object' && value !== null && OWNED.has(value)
}

/** How many keys an owned object has, after adding `change` (1 for a key added, -1 for one deleted). */
export function resize(value: object, change: number): number {
  const size = (OWNED.get(value) ?? 0) + change
  OWNED.set(value, size)
  return size
}
