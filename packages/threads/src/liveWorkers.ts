import type { Worker } from 'node:worker_threads'

/**
 * Every pool worker thread of this process that has not exited yet, under a global symbol so that any
 * copy of this package (built or from source) records into the same set. Node does not list worker
 * threads among its active resources, so this is what a leak check reads (`vitest.leaks.ts`): a test
 * that leaves a pool open leaves workers here.
 */
const KEY = Symbol.for('quantum.threads.liveWorkers')

type Registry = { [KEY]?: Set<Worker> }

export function liveWorkers(): Set<Worker> {
  const registry = globalThis as Registry
  registry[KEY] ??= new Set()
  return registry[KEY]
}
