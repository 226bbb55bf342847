/** The result of looking up a name or member that does not exist (distinct from a stored null). */
export const MISSING: unique symbol = Symbol('missing')
export type Missing = typeof MISSING

/** Scope objects (`session`, `form`…) whose absent members read as null instead of missing. */
export const LENIENT_SCOPES = new WeakSet<object>()

/** A scope's variables: an object without a prototype, so no name reaches `Object.prototype`. */
export type Vars = Record<string, unknown>

export function createVars(initial?: Record<string, unknown>): Vars {
  const vars = Object.create(null) as Vars
  if (initial) for (const key of Object.keys(initial)) vars[key] = initial[key]
  return vars
}
