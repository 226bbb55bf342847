import type { ScheduleService } from '@quantum/runtime'
import { createScheduleRegistrar } from '@quantum/scheduler'
import type { Store } from '@quantum/store'

/** A schedule service that writes the store, opened on first use (a run without schedules never opens it). */
export interface StoreRegistrar {
  readonly service: ScheduleService
  /** How many schedules the run registered. */
  readonly registered: number
  /** The store, when a schedule tag opened it. */
  readonly store: Store | undefined
  /** Close the store if it was opened. */
  close(): Promise<void>
}

/**
 * `quantum run FILE` without `--serve`: `q:schedule` registers (and pauses, resumes, deletes) in the
 * store through the scheduler's registrar, with `next_run` computed; nothing is hosted here.
 */
export function storeRegistrar(open: () => Promise<Store>): StoreRegistrar {
  let opening: Promise<{ store: Store; registrar: ScheduleService }> | undefined
  let opened: Store | undefined
  let registered = 0
  const registrar = () => {
    opening ??= open().then((store) => {
      opened = store
      return { store, registrar: createScheduleRegistrar(store) }
    })
    return opening.then((ready) => ready.registrar)
  }
  return {
    service: {
      async register(definition) {
        const info = await (await registrar()).register(definition)
        registered++
        return info
      },
      pause: async (name) => (await registrar()).pause(name),
      resume: async (name) => (await registrar()).resume(name),
      delete: async (name) => (await registrar()).delete(name),
    },
    get registered() {
      return registered
    },
    get store() {
      return opened
    },
    async close() {
      await opening?.then(
        ({ store }) => store.close(),
        () => undefined,
      )
    },
  }
}
