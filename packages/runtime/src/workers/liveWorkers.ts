import type { Worker } from 'node:worker_threads'

/**
 * Every body thread of this process that has not exited yet (the thread pool's and the scheduler's),
 * under a global symbol so that any copy of this package (built or from source) records into the same
 * set. Node does not list worker threads among its active resources, so this is what a leak check reads
 * (`vitest.leaks.ts`): a test that leaves a pool or a scheduler running leaves threads here.
 */
const KEY = Symbol.for('quantum.threads.liveWorkers')

type Registry = { [KEY]?: Set<Worker> }

/** The process-wide set of live body threads. */
export function liveWorkers(): Set<Worker> {
  const registry = globalThis as Registry
  registry[KEY] ??= new Set()
  return registry[KEY]
}
