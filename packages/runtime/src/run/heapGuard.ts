import { getHeapStatistics } from 'node:v8'
import { resourceLimits } from 'node:worker_threads'

/**
 * The share of its isolate's heap limit past which a run is stopped. A worker thread's heap limit
 * (`resourceLimits`) is meant to end only that worker, but V8 aborts the whole process instead when
 * one large allocation meets the limit (nodejs/node#47224; on Node 24 a body appending 1 MB strings
 * did so every time): stopping the run a little before keeps the process alive.
 */
const NEARLY_FULL = 0.85

const oldGenerationLimit =
  resourceLimits.maxOldGenerationSizeMb === undefined
    ? undefined
    : resourceLimits.maxOldGenerationSizeMb * 1_048_576

/** Allocations at least this long are worth a look at the heap before they are made. */
export const LARGE_ALLOCATION = 1 << 16

/**
 * When this isolate's heap is nearly full, the message saying so; else undefined. About 0.3 µs, so it
 * is called every few statements and before large values are built, not on every step.
 */
export function heapNearlyFull(): string | undefined {
  const { used_heap_size: used, heap_size_limit: heapLimit } = getHeapStatistics()
  // A worker's own limit is on its old generation; V8's heap_size_limit adds the young generation to
  // it (5x the old limit on Node 24 for a 48 MB worker), so it would never be reached first.
  const limit = oldGenerationLimit ?? heapLimit
  if (used < limit * NEARLY_FULL) return undefined
  const mb = (bytes: number) => Math.round(bytes / 1_048_576)
  return `the heap is nearly full (${mb(used)} of ${mb(limit)} MB): the run was stopped before it runs out of memory`
}
