import { existsSync } from 'node:fs'

/**
 * The worker script. Built, it sits next to this module in `dist`; run from `src` (the tests), this module
 * uses the built one, which the tests' global setup builds first.
 */
export function workerFile(): URL {
  const beside = new URL('./worker.js', import.meta.url)
  return existsSync(beside) ? beside : new URL('../dist/worker.js', import.meta.url)
}
