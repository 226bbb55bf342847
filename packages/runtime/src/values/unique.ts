import { descend, tooLong, type ValueBounds } from './bounds'
import { isPlainObject, looseEquals } from './compare'
import { isNumeric } from './numbers'

/**
 * The items of `items` that are the first item loosely equal to them (`looseEquals`, compared with
 * every earlier item, kept or not), in order: what `q:set operation="unique"` keeps. Loose equality is
 * not transitive (`"1" == 1`, `1 == true`, `true == "yes"`, yet `"1" != "yes"`), so the items are not
 * simply hashed: primitives go through indexes of every form they can equal, collections into
 * buckets by a key that loosely equal collections share, then are compared within their bucket.
 * Linear for primitives and for collections of consistent kinds; every item and comparison is charged.
 */
export function uniqueItems(items: readonly unknown[], bounds: ValueBounds): unknown[] {
  const primitives = new PrimitiveIndex(items.some((item) => item instanceof Date))
  const shape = newShape()
  for (const item of items) if (isCollection(item)) survey(item, shape, bounds, 0, new Set())
  const buckets = new Map<string, unknown[]>()
  const identities = new Identities()
  const kept: unknown[] = []
  bounds.charge?.(items.length)
  for (const item of items) {
    let seen: boolean
    if (isCollection(item)) {
      const key = keyOf(item, shape, bounds, identities, 0, new Set())
      const bucket = buckets.get(key)
      if (bucket) {
        bounds.charge?.(bucket.length)
        seen = bucket.some((earlier) => looseEquals(earlier, item, bounds))
        bucket.push(item)
      } else {
        seen = false
        buckets.set(key, [item])
      }
    } else seen = primitives.check(item)
    if (!seen) kept.push(item)
  }
  return kept
}

/** Arrays and plain objects: compared by content. Other objects (a Date aside) only equal themselves. */
function isCollection(value: unknown): value is unknown[] | Record<string, unknown> {
  return Array.isArray(value) || isPlainObject(value)
}

/** How a string compares with booleans: `true`/`yes`/`1` as true, their opposites as false. */
function truthOf(value: unknown): boolean | undefined {
  return looseEquals(value, true) ? true : looseEquals(value, false) ? false : undefined
}

/**
 * Every earlier primitive (and date or other non-collection object), indexed under each form an
 * item can loosely equal it by: same value, number against numeric text, truth against booleans,
 * time against dates. `check` answers whether an earlier one equals the item, then adds it.
 */
class PrimitiveIndex {
  private readonly same = new Set<unknown>()
  private readonly numbers = new Set<number>()
  private readonly numericTexts = new Set<number>()
  private readonly booleans = new Set<boolean>()
  private readonly truths = new Set<boolean>()
  private readonly dates = new Set<number>()
  private readonly textTimes = new Set<number>()

  constructor(private readonly withDates: boolean) {}

  check(item: unknown): boolean {
    if (typeof item === 'boolean') {
      const seen = this.booleans.has(item) || this.truths.has(item)
      this.booleans.add(item)
      return seen
    }
    if (typeof item === 'number') {
      const truth = truthOf(item)
      // NaN equals nothing, itself included, so it is never the first item equal to it: dropped.
      const seen =
        Number.isNaN(item) ||
        (truth !== undefined && this.booleans.has(truth)) ||
        this.same.has(item) ||
        this.numericTexts.has(item)
      if (truth !== undefined) this.truths.add(truth)
      if (!Number.isNaN(item)) {
        this.same.add(item)
        this.numbers.add(item)
      }
      return seen
    }
    if (typeof item === 'string') {
      const truth = truthOf(item)
      const value = isNumeric(item) ? Number(item) : undefined
      const time = this.withDates ? Date.parse(item) : Number.NaN
      const seen =
        this.same.has(item) ||
        (truth !== undefined && this.booleans.has(truth)) ||
        (value !== undefined && this.numbers.has(value)) ||
        this.dates.has(time)
      this.same.add(item)
      if (truth !== undefined) this.truths.add(truth)
      if (value !== undefined) this.numericTexts.add(value)
      if (!Number.isNaN(time)) this.textTimes.add(time)
      return seen
    }
    if (item instanceof Date) {
      const time = item.getTime()
      const seen = this.same.has(item) || this.dates.has(time) || this.textTimes.has(time)
      this.same.add(item)
      if (!Number.isNaN(time)) this.dates.add(time)
      return seen
    }
    // null, undefined, and objects that only equal themselves.
    const seen = this.same.has(item)
    this.same.add(item)
    return seen
  }
}

const BOOLEAN = 1
const NUMBER = 2
const TEXT = 4
const DATE = 8

/** The kinds of primitive met at one position (an array index, an object key) across the items. */
interface Shape {
  kinds: number
  items: Shape[]
  keys: Map<string, Shape>
}

function newShape(): Shape {
  return { kinds: 0, items: [], keys: new Map() }
}

function survey(value: unknown, shape: Shape, bounds: ValueBounds, depth: number, ancestors: Set<object>) {
  if (typeof value === 'boolean') shape.kinds |= BOOLEAN
  else if (typeof value === 'number') shape.kinds |= NUMBER
  else if (typeof value === 'string') shape.kinds |= TEXT
  else if (value instanceof Date) shape.kinds |= DATE
  else if (isCollection(value) && !ancestors.has(value)) {
    ancestors.add(value)
    if (Array.isArray(value)) {
      descend(bounds, depth, value.length, 'compare')
      value.forEach((item, i) => {
        const inner = shape.items[i] ?? newShape()
        shape.items[i] = inner
        survey(item, inner, bounds, depth + 1, ancestors)
      })
    } else {
      const keys = Object.keys(value)
      descend(bounds, depth, keys.length, 'compare')
      for (const key of keys) {
        const inner = shape.keys.get(key) ?? newShape()
        shape.keys.set(key, inner)
        survey(value[key], inner, bounds, depth + 1, ancestors)
      }
    }
    ancestors.delete(value)
  }
}

/** A number for each object, for keys of objects that only equal themselves (and of cycles). */
class Identities {
  private readonly ids = new WeakMap<object, number>()
  private next = 0

  of(value: object): number {
    const id = this.ids.get(value) ?? this.next++
    this.ids.set(value, id)
    return id
  }
}

/**
 * A key that two loosely equal collections share (the converse need not hold). Each primitive's key
 * depends on the kinds met at its position: where only numbers and text meet, numeric text keys as
 * its number; where booleans meet numbers or text, everything with a truth keys as it; where dates
 * meet other kinds, everything that could be a date shares one key.
 */
function keyOf(
  value: unknown,
  shape: Shape,
  bounds: ValueBounds,
  identities: Identities,
  depth: number,
  ancestors: Set<object>,
): string {
  if (value === null) return 'z'
  if (value === undefined) return 'u'
  if (typeof value !== 'object') return primitiveKey(value, shape.kinds)
  if (value instanceof Date) return primitiveKey(value, shape.kinds)
  if (!isCollection(value) || ancestors.has(value)) return `#${identities.of(value)}`
  ancestors.add(value)
  let key: string
  if (Array.isArray(value)) {
    descend(bounds, depth, value.length, 'compare')
    const parts = value.map((item, i) =>
      keyOf(item, shape.items[i] as Shape, bounds, identities, depth + 1, ancestors),
    )
    key = `[${parts.join(',')}]`
  } else {
    const keys = Object.keys(value).sort()
    descend(bounds, depth, keys.length, 'compare')
    const parts = keys.map(
      (name) =>
        `${JSON.stringify(name)}:${keyOf(value[name], shape.keys.get(name) as Shape, bounds, identities, depth + 1, ancestors)}`,
    )
    key = `{${parts.join(',')}}`
  }
  ancestors.delete(value)
  if (key.length > bounds.maxLength) throw tooLong(bounds, 'compare')
  return key
}

function primitiveKey(value: unknown, kinds: number): string {
  const mixed = (kinds & (kinds - 1)) !== 0
  if (mixed && kinds & DATE) {
    if (typeof value === 'string' && !isNumeric(value) && truthOf(value) === undefined) {
      if (Number.isNaN(Date.parse(value))) return `s${JSON.stringify(value)}`
    }
    return 'P'
  }
  if (mixed && kinds & BOOLEAN) {
    // Numeric text takes the truth of its number ("5" == 5 == true), other text its own.
    const truth = truthOf(typeof value === 'string' && isNumeric(value) ? Number(value) : value)
    if (truth === undefined) return `s${JSON.stringify(value)}`
    return truth ? 'T' : 'F'
  }
  if (typeof value === 'number') return `n${value}`
  if (typeof value === 'string')
    return kinds & NUMBER && isNumeric(value) ? `n${Number(value)}` : `s${JSON.stringify(value)}`
  if (typeof value === 'boolean') return value ? 'T' : 'F'
  if (value instanceof Date) return `d${value.getTime()}`
  return `?${String(value)}`
}
