import type { Store } from '@quantum/store'
import type { CliIO } from '../io'

/** What `quantum jobs pause|resume|delete` does to a schedule. */
export type ControlVerb = 'pause' | 'resume' | 'delete'

const DONE: Record<ControlVerb, string> = { pause: 'paused', resume: 'resumed', delete: 'deleted' }

const APPLY: Record<ControlVerb, (store: Store, name: string) => Promise<boolean>> = {
  pause: (store, name) => store.pauseSchedule(name),
  resume: (store, name) => store.resumeSchedule(name),
  delete: (store, name) => store.deleteSchedule(name),
}

/**
 * `quantum jobs pause|resume|delete NAME`: changes the schedule in the store, which running workers
 * hear within a second. `Job paused: NAME`, or `Failed to pause job: NAME (…)` and 1 when it is unknown.
 */
export async function controlJob(store: Store, verb: ControlVerb, name: string, io: CliIO): Promise<number> {
  if (!(await APPLY[verb](store, name))) {
    io.stderr.write(`Failed to ${verb} job: ${name} (no schedule has that name)\n`)
    return 1
  }
  io.stdout.write(`Job ${DONE[verb]}: ${name}\n`)
  return 0
}

/** The command that starts a worker, as `quantum jobs run` suggests it. */
export const START_WORKER_HINT = 'quantum worker start --app PATH'

/**
 * `quantum jobs run NAME`: asks the running workers to fire the schedule now (one of them does). Without
 * a live worker nothing would run it, so it says how to start one and returns 1.
 */
export async function runJobNow(
  store: Store,
  name: string,
  params: Record<string, unknown> | undefined,
  io: CliIO,
): Promise<number> {
  io.stdout.write(`Running job: ${name}...\n`)
  if (!(await store.getSchedule(name))) {
    io.stderr.write(`Job not found: ${name}\n`)
    return 1
  }
  if (params !== undefined && Object.keys(params).length > 0) {
    io.stderr.write(`Parameters ignored: a schedule takes none (${name} runs with its own variables).\n`)
  }
  if ((await store.workers()).length === 0) {
    io.stderr.write(
      `No worker is running, so nothing would run ${name}. Start one with: ${START_WORKER_HINT}\n`,
    )
    return 1
  }
  // A schedule deleted since the look-up above is not found here either.
  if (!(await store.runScheduleNow(name))) {
    io.stderr.write(`Job not found: ${name}\n`)
    return 1
  }
  io.stdout.write('Job queued for execution. Job ID: N/A\n')
  return 0
}
