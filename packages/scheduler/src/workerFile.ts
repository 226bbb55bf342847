import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/**
 * The fire worker's script, as an absolute path for Bree. Built, it sits next to this module in `dist`;
 * run from `src` (the tests), this module uses the built one, which the tests' global setup builds first.
 */
export function workerFile(): string {
  const beside = new URL('./worker.js', import.meta.url)
  return fileURLToPath(existsSync(beside) ? beside : new URL('../dist/worker.js', import.meta.url))
}
