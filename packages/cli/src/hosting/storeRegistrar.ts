import type { QueueAdapter } from '@quantum/queue'
import { createJobService } from '@quantum/queue'
import type { JobService, ScheduleService } from '@quantum/runtime'
import { createScheduleRegistrar } from '@quantum/scheduler'
import type { Store } from '@quantum/store'

/**
 * Schedule and job services that only write the store and the queue, opened on first use (a run
 * without `q:schedule` or `q:job` never opens them): `quantum run FILE` without `--serve`.
 */
export interface StoreRegistrar {
  readonly schedules: ScheduleService
  readonly jobs: JobService
  /** How many schedules the run registered and jobs it dispatched: work for a worker. */
  readonly handedOver: number
  /** The store, when a tag opened it. */
  readonly store: Store | undefined
  /** Close what was opened. */
  close(): Promise<void>
}

/**
 * `q:schedule` registers (and pauses, resumes, deletes) through the scheduler's registrar with its
 * `next_run` computed; `q:job` defines in the store and dispatches to the queue. Nothing runs here.
 */
export function storeRegistrar(open: {
  store: () => Promise<Store>
  queue: () => Promise<QueueAdapter>
}): StoreRegistrar {
  let store: Promise<Store> | undefined
  let queue: Promise<QueueAdapter> | undefined
  let opened: Store | undefined
  let handedOver = 0
  const theStore = () => {
    store ??= open.store().then((ready) => {
      opened = ready
      return ready
    })
    return store
  }
  const registrar = async () => createScheduleRegistrar(await theStore())
  let service: Promise<JobService> | undefined
  const jobService = () => {
    service ??= theStore().then(async (ready) => {
      queue = open.queue()
      return createJobService({ queue: await queue, store: ready })
    })
    return service
  }
  return {
    schedules: {
      async register(definition) {
        const info = await (await registrar()).register(definition)
        handedOver++
        return info
      },
      pause: async (name) => (await registrar()).pause(name),
      resume: async (name) => (await registrar()).resume(name),
      delete: async (name) => (await registrar()).delete(name),
    },
    jobs: {
      define: async (definition) => (await jobService()).define(definition),
      async dispatch(request) {
        const receipt = await (await jobService()).dispatch(request)
        handedOver++
        return receipt
      },
      async dispatchBatch(requests) {
        const receipts = await (await jobService()).dispatchBatch(requests)
        handedOver += receipts.length
        return receipts
      },
    },
    get handedOver() {
      return handedOver
    },
    get store() {
      return opened
    },
    async close() {
      const results = await Promise.allSettled([
        queue?.then((ready) => ready.close()),
        store?.then((ready) => ready.close()),
      ])
      const failure = results.find((result) => result.status === 'rejected')
      if (failure?.status === 'rejected') throw failure.reason
    },
  }
}
