import type { Store } from '@quantum/store'
import type { CliIO } from '../io'
import { jobNotFound } from './failures'

/** How `quantum jobs run NAME` fires a schedule. */
export interface RunNowOptions {
  params?: Record<string, unknown>
  /** Run it in this process even when a worker is alive. */
  sync?: boolean
  /** Fires the schedule in this process; resolves with the exit code (after printing the outcome). */
  runHere: () => Promise<number>
}

/**
 * `quantum jobs run NAME` for a schedule (after `Running job: NAME...`): with a live worker (and without `--sync`), asks the running workers to fire
 * the schedule now (one of them does): `Job queued for execution. Job ID: N/A`. Without a worker, or
 * with `--sync`, fires it in this process and prints the outcome.
 */
export async function runJobNow(
  store: Store,
  name: string,
  options: RunNowOptions,
  io: CliIO,
): Promise<number> {
  if (!(await store.getSchedule(name))) return jobNotFound(name, io)
  if (options.params !== undefined && Object.keys(options.params).length > 0) {
    io.stderr.write(`Parameters ignored: a schedule takes none (${name} runs with its own variables).\n`)
  }
  if (options.sync || (await store.workers()).length === 0) return options.runHere()
  // A schedule deleted since the look-up above is not found here either.
  if (!(await store.runScheduleNow(name))) return jobNotFound(name, io)
  io.stdout.write('Job queued for execution. Job ID: N/A\n')
  return 0
}
