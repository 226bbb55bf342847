import type { FunctionNode } from '@quantum/ast'
import type { PortableBody } from '../jobs/types'

/** A function a body may call, as it crosses: its key, and its JSON for a worker that lacks it. */
export interface SeenFunction {
  key: number
  json: string
}

/**
 * A body as it crosses: its JSON, the key workers keep it under once it is used again, and the
 * functions it may call (by key; in `json` instead when there are too many to keep).
 */
export interface Seen {
  json: string
  key: number | undefined
  functions: SeenFunction[]
}

/** How many bodies each worker keeps parsed; the least recently sent is forgotten first. */
const KEPT_PER_WORKER = 64
/** How many functions each worker keeps parsed; the least recently used is forgotten first. */
export const FUNCTIONS_PER_WORKER = 1024

/**
 * Bodies the host runs again and again (a job's definition, a schedule's body) cross to a worker once:
 * the same body object sent a second time gets a key, the worker keeps it parsed under that key, and from
 * then on only the key and the params cross. A body sent once (most threads) is never kept.
 *
 * The functions a body may call (every function of its run) cross the same way, each once per worker:
 * a thousand threads of a component with a hundred functions would otherwise send, and parse, the
 * hundred functions a thousand times.
 */
export class BodyCache {
  readonly #seen = new WeakMap<PortableBody, Seen>()
  readonly #functions = new WeakMap<FunctionNode, SeenFunction>()
  #nextKey = 1
  #nextFunction = 1

  /** The body's JSON, its key when it is worth keeping (sent before), and its functions' keys. */
  describe(body: PortableBody): Seen {
    let seen = this.#seen.get(body)
    if (!seen) {
      seen =
        body.functions.length > FUNCTIONS_PER_WORKER
          ? { json: JSON.stringify(body), key: undefined, functions: [] }
          : {
              json: JSON.stringify({ ...body, functions: [] }),
              key: undefined,
              functions: body.functions.map((fn) => this.function(fn)),
            }
      this.#seen.set(body, seen)
    } else if (seen.key === undefined) {
      seen.key = this.#nextKey++
    }
    return seen
  }

  private function(fn: FunctionNode): SeenFunction {
    let seen = this.#functions.get(fn)
    if (!seen) {
      seen = { key: this.#nextFunction++, json: JSON.stringify(fn) }
      this.#functions.set(fn, seen)
    }
    return seen
  }
}

/** The keys one worker holds, least recently used first. */
export class WorkerKeys {
  readonly #keys = new Set<number>()

  constructor(private readonly capacity = KEPT_PER_WORKER) {}

  /**
   * Marks `key` as sent now: returns whether the worker holds it already, and the key it must forget to
   * stay within its capacity.
   */
  use(key: number): { held: boolean; forget?: number } {
    const held = this.#keys.delete(key)
    this.#keys.add(key)
    if (this.#keys.size <= this.capacity) return { held }
    const oldest = this.#keys.values().next().value as number
    this.#keys.delete(oldest)
    return { held, forget: oldest }
  }
}
