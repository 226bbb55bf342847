/**
 * How much work a processor holds ahead beyond its concurrency, in ms of its jobs' recent average run
 * (claimed jobs waiting for a slot): short jobs are taken several per claim, and their ends recorded
 * together, while another worker waits at most this long for jobs this one holds. Long jobs: one ahead.
 */
const AHEAD_MS = 2
/** The most jobs a processor holds ahead, however short its jobs. */
const MAX_AHEAD = 32
/** How much a finished job moves the average run time (an exponential moving average). */
const AVERAGE_WEIGHT = 0.1

/** How many jobs to hold ahead of `concurrency` slots, from the jobs' recent average run time. */
export class Ahead {
  readonly #concurrency: number
  #averageMs: number | undefined

  constructor(concurrency: number) {
    this.#concurrency = concurrency
  }

  /** About {@link AHEAD_MS} of work spread over the slots; one while the run time is unknown or long. */
  get jobs(): number {
    const average = this.#averageMs
    if (average === undefined) return 1
    const fits = Math.floor((AHEAD_MS * this.#concurrency) / Math.max(average, 0.001))
    return Math.min(MAX_AHEAD, Math.max(1, fits))
  }

  /** An attempt ran `ms`. */
  ran(ms: number): void {
    const average = this.#averageMs
    this.#averageMs = average === undefined ? ms : average + AVERAGE_WEIGHT * (ms - average)
  }
}
