import { afterEach, beforeEach, describe } from 'vitest'
import type { ActiveJob, ProcessOptions, Processor, QueueAdapter, Settlement } from '../../src/contract'
import { controlTests } from './control'
import { enqueueTests } from './enqueue'
import type { HarnessFactory, OpenOptions, QueueHarness } from './harness'
import { leaseTests } from './leases'
import { listingTests } from './listing'
import { processingTests } from './processing'
import { resultTests } from './results'

/** What each group of the suite gets: open adapters on the test's queue; all are closed after it. */
export interface Suite {
  open(options?: OpenOptions): Promise<QueueAdapter>
  harness(): QueueHarness
  /** Processes with `handler`, recording every settlement in order. */
  run(
    adapter: QueueAdapter,
    handler: (job: ActiveJob) => Promise<unknown>,
    options?: ProcessOptions,
  ): { processor: Processor; settled: { job: ActiveJob; settlement: Settlement }[] }
}

/** The `QueueAdapter` conformance suite: every adapter passes it unchanged. */
export function describeQueue(kind: string, factory: HarnessFactory): void {
  describe(`QueueAdapter conformance: ${kind}`, () => {
    let harness: QueueHarness
    let opened: QueueAdapter[] = []

    beforeEach(async () => {
      harness = await factory()
      opened = []
    })
    afterEach(async () => {
      await Promise.all(opened.map((adapter) => adapter.close()))
      await harness.cleanup()
    })

    const suite: Suite = {
      async open(options) {
        const adapter = await harness.open(options)
        opened.push(adapter)
        await adapter.ready()
        return adapter
      },
      harness: () => harness,
      run(adapter, handler, options = {}) {
        const settled: { job: ActiveJob; settlement: Settlement }[] = []
        const processor = adapter.process(handler, {
          ...options,
          settled: async (job, settlement) => {
            settled.push({ job, settlement })
            await options.settled?.(job, settlement)
          },
        })
        return { processor, settled }
      },
    }

    enqueueTests(suite)
    processingTests(suite)
    controlTests(suite)
    leaseTests(suite)
    listingTests(suite)
    resultTests(suite)
  })
}
