/**
 * How long before a due instant a fire starts preparing (store reads, locks, the hand-off to a worker), learnt
 * from what preparing took lately: the slowest of the recent ones, with room to spare. The worker then
 * holds the body until the instant, so starting early costs nothing and starting late costs lateness.
 */
export class LeadTime {
  readonly #recent: number[] = []

  constructor(
    readonly initialMs = 250,
    // Holding a fire on a warm worker costs next to nothing, and a host firing hundreds a second has
    // stalls (GC, a burst of fires due together) that the last few preparations do not show.
    readonly minMs = 250,
    readonly maxMs = 2_000,
  ) {}

  /** Milliseconds to start preparing ahead of the due instant. */
  get ms(): number {
    if (this.#recent.length === 0) return this.initialMs
    const slowest = Math.max(...this.#recent)
    return Math.min(this.maxMs, Math.max(this.minMs, Math.ceil(slowest * 1.5 + 25)))
  }

  /** One preparation took `ms` (from its timer to the worker ready to run). */
  observe(ms: number): void {
    this.#recent.push(ms)
    if (this.#recent.length > 16) this.#recent.shift()
  }
}
