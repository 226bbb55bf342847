/**
 * Collections that one variable alone holds, which `q:set` may therefore change in place (so that
 * appending in a loop stays linear). An update operation that builds a collection for a variable
 * owns it; any read that hands it to an expression (a lookup, a member) gives it up, since the
 * reader may keep it. Kept per process, like the value itself: a collection is owned or not whichever
 * run looks at it.
 */
const OWNED = new WeakSet<object>()

/** Mark a collection just built for one variable. */
export function own(value: object): void {
  OWNED.add(value)
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
