import { afterEach, beforeEach, describe } from 'vitest'
import type { Store, StoreOptions } from '../../src/index'
import { controlTests } from './control'
import type { HarnessFactory, StoreHarness } from './harness'
import { historyTests } from './history'
import { jobTests } from './jobs'
import { lockTests } from './locks'
import { scheduleTests } from './schedules'
import { workerTests } from './workers'

/** Opens stores for the running test; the suite closes them and deletes the test's data after it. */
export interface Stores {
  open(options?: StoreOptions): Promise<Store>
}

/**
 * The `Store` contract, as one suite every implementation must pass. `factory` gives each test its own
 * data (a temp folder, a key prefix).
 */
export function describeStore(name: string, factory: HarnessFactory): void {
  describe(`${name} store: the Store contract`, () => {
    let harness: StoreHarness | undefined
    const opened: Store[] = []
    beforeEach(async () => {
      harness = await factory()
    })
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()))
      await harness?.cleanup()
    })
    const stores: Stores = {
      async open(options) {
        const store = await harness!.open(options)
        opened.push(store)
        return store
      },
    }
    scheduleTests(stores)
    jobTests(stores)
    historyTests(stores)
    controlTests(stores)
    lockTests(stores)
    workerTests(stores)
  })
}
