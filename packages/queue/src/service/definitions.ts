import type { JobDefinition } from '@quantum/runtime'
import type { Store } from '@quantum/store'

/**
 * Definitions read from the store, reused for a short while: a busy worker would otherwise read the
 * same definition once per job. A redefinition reaches workers within the TTL.
 */
export class Definitions {
  readonly #store: Store | undefined
  readonly #ttlMs: number
  readonly #cache = new Map<string, { definition: Promise<JobDefinition | undefined>; until: number }>()

  constructor(store: Store | undefined, ttlMs: number) {
    this.#store = store
    this.#ttlMs = ttlMs
  }

  get(name: string): Promise<JobDefinition | undefined> {
    const store = this.#store
    if (!store) return Promise.resolve(undefined)
    const cached = this.#cache.get(name)
    if (cached && cached.until > Date.now()) return cached.definition
    // The read itself is shared: a batch of jobs of one name asks the store once, not once each.
    const entry = {
      definition: store.getJob(name).then((record) => record?.definition as JobDefinition | undefined),
      until: Date.now() + this.#ttlMs,
    }
    this.#cache.set(name, entry)
    entry.definition.catch(() => {
      if (this.#cache.get(name) === entry) this.#cache.delete(name)
    })
    return entry.definition
  }

  /** Forget a name (it was just defined here). */
  forget(name: string): void {
    this.#cache.delete(name)
  }
}
