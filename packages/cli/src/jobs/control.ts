import { ErrorCodes } from '@quantum/ast'
import { createScheduleRegistrar } from '@quantum/scheduler'
import type { Store } from '@quantum/store'
import type { CliIO } from '../io'
import { stderrReport } from '../problems'

/** What `quantum jobs pause|resume|delete` does to a schedule. */
export type ControlVerb = 'pause' | 'resume' | 'delete'

const DONE: Record<ControlVerb, string> = { pause: 'paused', resume: 'resumed', delete: 'deleted' }

/**
 * `quantum jobs pause|resume|delete NAME`: changes the schedule in the store, which running workers
 * hear within a second. Resuming goes through the scheduler's registrar, which moves `next_run` past the
 * paused period (it is not replayed as misfires). `Job paused: NAME`, or `error SCHEDULE_NOT_FOUND:
 * Failed to pause job: NAME (…)` and 1 when it is unknown.
 */
export async function controlJob(store: Store, verb: ControlVerb, name: string, io: CliIO): Promise<number> {
  if (!(await createScheduleRegistrar(store)[verb](name))) {
    const message = `Failed to ${verb} job: ${name} (no schedule has that name)`
    stderrReport(io)({ code: ErrorCodes.SCHEDULE_NOT_FOUND, message })
    return 1
  }
  io.stdout.write(`Job ${DONE[verb]}: ${name}\n`)
  return 0
}
