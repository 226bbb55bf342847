import type { JobDefinition } from '@quantum/runtime'
import type { Store } from '@quantum/store'

/**
 * Definitions read from the store, reused for a short while: a busy worker would otherwise read the
 * same definition once per job. A redefinition reaches workers within the TTL.
 */
export class Definitions {
  readonly #store: Store | undefined
  readonly #ttlMs: number
  readonly #cache = new Map<string, { definition: JobDefinition | undefined; until: number }>()

  constructor(store: Store | undefined, ttlMs: number) {
    this.#store = store
    this.#ttlMs = ttlMs
  }

  async get(name: string): Promise<JobDefinition | undefined> {
    if (!this.#store) return undefined
    const cached = this.#cache.get(name)
    if (cached && cached.until > Date.now()) return cached.definition
    const definition = (await this.#store.getJob(name))?.definition as JobDefinition | undefined
    this.#cache.set(name, { definition, until: Date.now() + this.#ttlMs })
    return definition
  }

  /** Forget a name (it was just defined here). */
  forget(name: string): void {
    this.#cache.delete(name)
  }
}
