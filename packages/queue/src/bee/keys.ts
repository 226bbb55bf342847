/**
 * Where the bee adapter keeps things in Redis, under one prefix. bee-queue's own keys for a queue and
 * priority band live under `<prefix>:bq:<queue>@<band>:`; the adapter's per-job state, status sets and
 * registries under `<prefix>:q:`.
 */
export class Keys {
  readonly bee: string
  readonly #own: string

  constructor(prefix: string) {
    this.bee = `${prefix}:bq`
    this.#own = `${prefix}:q`
  }

  /** bee-queue's queue name for one priority band of a queue. */
  band(queue: string, band: number): string {
    return `${queue}@${band}`
  }

  /** A key of bee-queue's for a band (`waiting`, `active`, `delayed`, `jobs`, `failed`, `succeeded`). */
  beeKey(queue: string, band: number, name: string): string {
    return `${this.bee}:${this.band(queue, band)}:${name}`
  }

  /** The queues that ever had a job. */
  get queues(): string {
    return `${this.#own}:queues`
  }

  /** The priority bands a queue has used. */
  bands(queue: string): string {
    return `${this.#own}:bands:${queue}`
  }

  get paused(): string {
    return `${this.#own}:paused`
  }

  /** The channel an enqueue rings, so idle processors of other processes look for jobs at once. */
  get doorbell(): string {
    return `${this.#own}:doorbell`
  }

  /** The channel every job's end (completed, failed for good, cancelled) is published on, with its id. */
  get ended(): string {
    return `${this.#own}:ended`
  }

  /** A job's state: attempt, fencing token, lease, status once claimed, result, error, progress. */
  state(id: string): string {
    return `${this.#own}:job:${id}`
  }

  /**
   * Every job of a band, oldest first: scored by creation time (epoch ms), each member its bee id padded
   * by {@link indexMember} so that jobs of one millisecond keep their order.
   */
  index(queue: string, band: number): string {
    return `${this.#own}:index:${this.band(queue, band)}`
  }

  /** The band's jobs of one name, as {@link index}. */
  named(queue: string, band: number, name: string): string {
    return `${this.#own}:named:${this.band(queue, band)}:${name}`
  }

  /** The ids of a queue's jobs in a status the adapter tracks itself (pending ones are bee-queue's). */
  status(queue: string, status: 'running' | 'completed' | 'failed' | 'cancelled'): string {
    return `${this.#own}:${status}:${queue}`
  }
}

/** Where a job lives: its queue, its band and bee-queue's id in that band. */
export interface JobAddress {
  queue: string
  band: number
  beeId: string
}

/** A job's id for users: `<queue>:<band>:<bee id>`, so any process finds the job from its id alone. */
export function jobId({ queue, band, beeId }: JobAddress): string {
  return `${queue}:${band}:${beeId}`
}

/** The address in an id, or undefined for an id this adapter never gave. */
export function parseJobId(id: string): JobAddress | undefined {
  const match = /^(.+):(-?\d+):(\d+)$/.exec(id)
  if (!match) return undefined
  return { queue: match[1] as string, band: Number(match[2]), beeId: match[3] as string }
}

/** A bee id as a member of the job indexes (see {@link Keys.index}). */
export function indexMember(beeId: string): string {
  return beeId.padStart(16, '0')
}
