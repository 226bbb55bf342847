import { expect } from 'vitest'
import { run } from '../helpers'

/** What a hostile body may cost at most: generous, so that a busy machine passes and a freeze does not. */
export const BOUNDS = { ms: 5_000, mb: 300 }

/** The limits a hostile body runs under: a 2 s wall time, as a worker would give a job. */
export const WALL = { maxWallTimeMs: 2_000 }

/** What one hostile run did: its result or its error, how long it took, how much the process grew. */
export interface Outcome {
  result?: Awaited<ReturnType<typeof run>>
  error?: Error & { code: string; location: string }
  ms: number
  /** Growth of the resident set and of the heap, in MB: whichever grew more. */
  mb: number
}

/**
 * Run `source` (as the test helper `run` does) and measure it. Asserts the time and memory bounds, so
 * every hostile test keeps them whatever else it checks.
 */
export async function hostile(source: string, options: Parameters<typeof run>[1] = {}): Promise<Outcome> {
  const before = process.memoryUsage()
  const started = performance.now()
  let outcome: Omit<Outcome, 'ms' | 'mb'>
  try {
    outcome = {
      result: await run(source, { ...options, runtime: { limits: { ...WALL, ...options.runtime?.limits } } }),
    }
  } catch (error) {
    outcome = { error: error as Outcome['error'] & {} }
  }
  const ms = performance.now() - started
  const after = process.memoryUsage()
  const mb = Math.max(after.rss - before.rss, after.heapUsed - before.heapUsed) / 1e6
  expect(ms).toBeLessThan(BOUNDS.ms)
  expect(mb).toBeLessThan(BOUNDS.mb)
  return { ...outcome, ms, mb }
}

/** The coded error a hostile run must have ended with. */
export async function hostileError(source: string, options: Parameters<typeof run>[1] = {}) {
  const { error } = await hostile(source, options)
  if (!error) throw new Error('expected the run to fail')
  return error
}
