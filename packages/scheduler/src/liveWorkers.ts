import type { Worker } from 'node:worker_threads'

/**
 * The process-wide set of live worker threads that the repository's leak check reads (the same global
 * symbol `@quantum/threads` records its pool workers under): a scheduler left running leaves its fire
 * workers here, so a test that forgets `stop()` fails.
 */
const KEY = Symbol.for('quantum.threads.liveWorkers')

type Registry = { [KEY]?: Set<Worker> }

export function liveWorkers(): Set<Worker> {
  const registry = globalThis as Registry
  registry[KEY] ??= new Set()
  return registry[KEY]
}
