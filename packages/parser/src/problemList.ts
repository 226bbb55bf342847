import {
  ErrorCodes,
  ParseError,
  type Position,
  type QuantumError,
  type QuantumErrorOptions,
} from '@quantum/ast'

/** How many problems of one document are listed; the rest are counted in a last `PARSE_TOO_MANY_PROBLEMS`. */
export const MAX_PROBLEMS = 100

const offsetOf = (position: Position | undefined) => position?.start.offset ?? 0

/**
 * The problems of one document, bounded: it keeps the `limit` first in source order and only counts
 * the others, so a hostile document with a million faults costs a million counts, not a million errors.
 */
export class ProblemList {
  private readonly kept: QuantumError[] = []
  /** Index in `kept` of the problem furthest into the source, once `kept` is full. */
  private latest = -1
  private omitted = 0
  private firstOmitted: Position | undefined

  constructor(
    private readonly file: string | undefined,
    private readonly limit = MAX_PROBLEMS,
  ) {}

  /** Keep a problem, or count it when `limit` problems before it in the source are already kept. */
  add(error: QuantumError) {
    this.addAt(error.position, () => error)
  }

  /**
   * Keep the problem `make` builds, or only count a problem at `position` when it would not be kept:
   * errors are costly to build (each captures a stack), and past the limit most are never built.
   */
  addAt(position: Position | undefined, make: () => QuantumError) {
    if (this.kept.length < this.limit) {
      this.kept.push(make())
      return
    }
    if (this.latest === -1) this.latest = this.latestKept()
    const evicted = this.kept[this.latest]
    if (evicted && offsetOf(position) < offsetOf(evicted.position)) {
      this.kept.splice(this.latest, 1)
      this.kept.push(make())
      this.latest = this.latestKept()
      this.omit(evicted.position)
    } else {
      this.omit(position)
    }
  }

  /**
   * The kept problems in source order (ties in the order they were found) and, when some were only
   * counted, a last `PARSE_TOO_MANY_PROBLEMS` at the first of those with their number in `details.omitted`.
   */
  list(): QuantumError[] {
    const list = this.kept.slice().sort((a, b) => offsetOf(a.position) - offsetOf(b.position))
    if (this.omitted === 0) return list
    const options: QuantumErrorOptions = { details: { omitted: this.omitted } }
    if (this.firstOmitted) options.position = this.firstOmitted
    if (this.file !== undefined) options.file = this.file
    const more = this.omitted === 1 ? '1 more problem' : `${this.omitted} more problems`
    const message = `and ${more} from here on (only the first ${this.limit} are listed)`
    list.push(new ParseError(ErrorCodes.PARSE_TOO_MANY_PROBLEMS, message, options))
    return list
  }

  /** Index of the kept problem furthest into the source (the last found of equals). */
  private latestKept(): number {
    let latest = 0
    for (let i = 1; i < this.kept.length; i++) {
      if (offsetOf(this.kept[i]?.position) >= offsetOf(this.kept[latest]?.position)) latest = i
    }
    return latest
  }

  private omit(position: Position | undefined) {
    if (this.omitted === 0 || offsetOf(position) < offsetOf(this.firstOmitted)) this.firstOmitted = position
    this.omitted++
  }
}

/**
 * How many problems `diagnostics` (what `check` returns) stand for: each one, and for a last
 * `PARSE_TOO_MANY_PROBLEMS` the number it left out.
 */
export function problemCount(
  diagnostics: readonly { code: string; details?: Record<string, unknown> }[],
): number {
  let count = 0
  for (const diagnostic of diagnostics) {
    const omitted = diagnostic.code === ErrorCodes.PARSE_TOO_MANY_PROBLEMS ? diagnostic.details?.omitted : 1
    count += typeof omitted === 'number' ? omitted : 1
  }
  return count
}
