import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { JobHandler, QueueAdapter } from '@quantum/queue'
import type { ScheduleDefinition, ScheduleTrigger, Store } from '@quantum/store'
import { openSqliteStore } from '@quantum/store/sqlite'
import { expect } from 'vitest'

/** A schedule definition as the runtime registers one, with a one-statement body. */
export function scheduleDefinition(
  name: string,
  trigger: ScheduleTrigger,
  overrides: Partial<ScheduleDefinition> = {},
): ScheduleDefinition {
  const position = { start: { line: 2, column: 3, offset: 10 }, end: { line: 2, column: 20, offset: 27 } }
  return {
    name,
    trigger,
    timezone: 'UTC',
    retry: 0,
    overlap: false,
    enabled: true,
    misfire: 'grace',
    body: [{ type: 'log', position, level: 'info', message: { type: 'template', parts: ['tick'] } }],
    functions: [],
    snapshot: {},
    ...overrides,
  }
}

/** A state folder of its own in the temp directory, and a SQLite store on it. */
export interface TempHome {
  home: string
  store: Store
  /** Closes the store and deletes the folder. */
  cleanup(): Promise<void>
}

export async function tempHome(): Promise<TempHome> {
  const home = mkdtempSync(join(tmpdir(), 'quantum-cli-jobs-'))
  const store = await openSqliteStore({ home })
  return {
    home,
    store,
    async cleanup() {
      await store.close()
      rmSync(home, { recursive: true, force: true })
    },
  }
}

/**
 * Two schedules and three runs, as a worker would have left them:
 * - `hourly-cleanup`: every 1h, active, 3 runs and 1 error, next 08:00Z, last 07:00:00.250Z;
 * - `nightly-report`: cron `30 2 * * *` in New York, paused, never run;
 * - history, oldest first: cleanup success (1.234 s), cleanup error (0.5 s), report missed.
 */
export async function seedSchedules(store: Store): Promise<void> {
  await store.registerSchedule(
    scheduleDefinition('hourly-cleanup', { kind: 'interval', everyMs: 3_600_000 }),
    {
      nextRun: '2027-03-14T08:00:00Z',
    },
  )
  await store.registerSchedule(
    scheduleDefinition(
      'nightly-report',
      { kind: 'cron', expression: '30 2 * * *' },
      { timezone: 'America/New_York' },
    ),
    { nextRun: null },
  )
  await store.pauseSchedule('nightly-report')
  await store.updateSchedule('hourly-cleanup', {
    lastRun: '2027-03-14T07:00:00.250Z',
    addRuns: 3,
    addErrors: 1,
    lastError: 'Division by zero\nin the cleanup query',
  })
  await store.recordRun({
    kind: 'schedule',
    name: 'hourly-cleanup',
    status: 'success',
    dueAt: '2027-03-14T06:00:00Z',
    startedAt: '2027-03-14T06:00:00.010Z',
    completedAt: '2027-03-14T06:00:01.244Z',
    workerId: 'worker-1',
  })
  await store.recordRun({
    kind: 'schedule',
    name: 'hourly-cleanup',
    status: 'error',
    dueAt: '2027-03-14T07:00:00Z',
    startedAt: '2027-03-14T07:00:00.250Z',
    completedAt: '2027-03-14T07:00:00.750Z',
    attempt: 2,
    workerId: 'worker-1',
    error: { name: 'RuntimeError', code: 'RUNTIME_ERROR', message: 'Division by zero in the cleanup query' },
  })
  await store.recordRun({
    kind: 'schedule',
    name: 'nightly-report',
    status: 'missed',
    dueAt: '2027-03-14T06:30:00Z',
  })
}

/**
 * Runs the queue's jobs here with `handler` until `count` of them have ended (completed or failed), then
 * stops taking more.
 */
export async function settleJobs(queue: QueueAdapter, handler: JobHandler, count: number): Promise<void> {
  const processor = queue.process(handler)
  const ended = async () =>
    (await queue.count({ status: 'completed' })) + (await queue.count({ status: 'failed' }))
  await expect.poll(ended, { timeout: 10_000, interval: 50 }).toBe(count)
  await processor.stop()
}
