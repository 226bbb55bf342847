import type { PortableBody } from '@quantum/runtime'

/** A body the pool has seen: its JSON, and the key its workers keep it under once it is used again. */
interface Seen {
  json: string
  key: number | undefined
}

/** How many bodies each worker keeps parsed; the least recently sent is forgotten first. */
const KEPT_PER_WORKER = 64

/**
 * Bodies the host runs again and again (a job's definition, a schedule's body) cross to a worker once:
 * the same body object sent a second time gets a key, the worker keeps it parsed under that key, and from
 * then on only the key and the params cross. A body sent once (most threads) is never kept.
 */
export class BodyCache {
  readonly #seen = new WeakMap<PortableBody, Seen>()
  #nextKey = 1

  /** The body's JSON, and its key when it is worth keeping (sent before). */
  describe(body: PortableBody): Seen {
    let seen = this.#seen.get(body)
    if (!seen) {
      seen = { json: JSON.stringify(body), key: undefined }
      this.#seen.set(body, seen)
    } else if (seen.key === undefined) {
      seen.key = this.#nextKey++
    }
    return seen
  }
}

/** The keys one worker holds, least recently used first. */
export class WorkerKeys {
  readonly #keys = new Set<number>()

  /**
   * Marks `key` as sent now: returns whether the worker holds it already, and the key it must forget to
   * stay within {@link KEPT_PER_WORKER}.
   */
  use(key: number): { held: boolean; forget?: number } {
    const held = this.#keys.delete(key)
    this.#keys.add(key)
    if (this.#keys.size <= KEPT_PER_WORKER) return { held }
    const oldest = this.#keys.values().next().value as number
    this.#keys.delete(oldest)
    return { held, forget: oldest }
  }
}
