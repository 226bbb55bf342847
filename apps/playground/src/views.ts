import type { QueueJob } from '@quantum/queue'
import type { RunRecord, RunStatus, ScheduleRecord, ScheduleTrigger, Store } from '@quantum/store'

/** A schedule as the API shows it: its trigger and state, and how its newest fire ended. */
export interface ScheduleView {
  name: string
  status: 'active' | 'paused'
  trigger: ScheduleTrigger
  timezone: string
  nextRun: string | null
  lastRun: string | null
  /** The newest history row of the schedule, or null before its first fire. */
  lastResult: { status: RunStatus; at: string; durationMs: number | null; error: string | null } | null
  runCount: number
  errorCount: number
  lastError: string | null
  overlap: boolean
  retry: number
  timeoutMs: number | null
}

/** The view of one schedule, with its newest fire read from history (one indexed row). */
export async function scheduleView(store: Store, schedule: ScheduleRecord): Promise<ScheduleView> {
  const [last] = await store.history({ name: schedule.name, kind: 'schedule', limit: 1 })
  const { definition } = schedule
  return {
    name: schedule.name,
    status: schedule.status,
    trigger: definition.trigger,
    timezone: definition.timezone,
    nextRun: schedule.nextRun,
    lastRun: schedule.lastRun,
    lastResult: last
      ? {
          status: last.status,
          at: last.completedAt ?? last.recordedAt,
          durationMs: last.durationMs,
          error: last.error?.message ?? null,
        }
      : null,
    runCount: schedule.runCount,
    errorCount: schedule.errorCount,
    lastError: schedule.lastError,
    overlap: definition.overlap,
    retry: definition.retry,
    timeoutMs: definition.timeoutMs ?? null,
  }
}

/** A queue job as the API lists it: the adapter's record plus its duration once it has run. */
export interface JobView extends QueueJob {
  durationMs: number | null
}

export function jobView(job: QueueJob): JobView {
  const durationMs =
    job.startedAt && job.completedAt ? Date.parse(job.completedAt) - Date.parse(job.startedAt) : null
  return { ...job, durationMs }
}

/** A history row as the API shows it (the store's record as is). */
export type RunView = RunRecord
