import type { Store } from '@quantum/store'
import { expect } from 'vitest'
import type { ReliabilityHarness } from '../reliability/describeReliability'
import type { Effects } from '../support/effects'
import { waitFor } from '../support/wait'

/** The lease of the poison tests' workers: short, so each dead worker costs little time. */
export const LEASE_MS = 600

/** What the poison tests' workers open: one slot, a {@link LEASE_MS} lease, the effects tables and the store. */
export function poisonConfig(harness: ReliabilityHarness, effects: Effects): Record<string, unknown> {
  return { ...harness.config({ leaseMs: LEASE_MS, concurrency: 1 }), effects: effects.path, store: true }
}

/** Waits for the history of the jobs called `name`: one `terminated` row with QUEUE_LEASE_LOST per attempt. */
export async function expectLostAttempts(store: Store, name: string, attempts: number): Promise<void> {
  const rows = await waitFor(async () => {
    const found = await store.history({ name })
    return found.length >= attempts && found
  }, 'a history row per attempt')
  expect(rows.map((row) => [row.attempt, row.status, row.error?.code]).sort()).toEqual(
    Array.from({ length: attempts }, (_, i) => [i + 1, 'terminated', 'QUEUE_LEASE_LOST']),
  )
}
