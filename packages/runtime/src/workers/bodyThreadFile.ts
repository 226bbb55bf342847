import { existsSync } from 'node:fs'

/**
 * The body thread's script (`dist/bodyThread.js`), which every pool of body threads starts: the thread
 * pool's workers and the scheduler's fire workers. Built, it sits next to the module that asks; run
 * from `src` (the tests), the built one is used, which the tests' global setup builds first.
 */
export function bodyThreadFile(): URL {
  const beside = new URL('./bodyThread.js', import.meta.url)
  return existsSync(beside) ? beside : new URL('../../dist/bodyThread.js', import.meta.url)
}
