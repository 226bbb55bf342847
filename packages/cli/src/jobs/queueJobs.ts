import { ErrorCodes } from '@quantum/ast'
import type { QueueAdapter } from '@quantum/queue'
import { createJobService } from '@quantum/queue'
import type { Store } from '@quantum/store'
import { plural } from '../format/plural'
import { hintWithoutWorker } from '../hosting/workerHint'
import type { CliIO } from '../io'
import { stderrReport } from '../problems'

/** The app folder the hints name when a job command cannot know it. */
export const ANY_APP = 'PATH'

/** What `quantum jobs dispatch` enqueues beside the name; unset fields come from the definition. */
export interface DispatchOptions {
  params: Record<string, unknown>
  delayMs?: number
  priority?: number
  queue?: string
}

/**
 * `quantum jobs dispatch NAME`: enqueue one job of a defined `q:job` (its defaults for what is not
 * given): `Job dispatched: NAME. Job ID: ID (queue: Q)`. An unknown name fails with
 * `QUEUE_JOB_NOT_DEFINED`. Says how to start a worker when none is running.
 */
export async function dispatchJob(
  store: Store,
  queue: QueueAdapter,
  name: string,
  options: DispatchOptions,
  io: CliIO,
): Promise<number> {
  const receipt = await createJobService({ queue, store }).dispatch({ name, ...options })
  io.stdout.write(`Job dispatched: ${name}. Job ID: ${receipt.id} (queue: ${receipt.queue})\n`)
  await hintWithoutWorker(store, ANY_APP, io)
  return 0
}

/**
 * `quantum jobs run NAME` for a job, without `--sync`: enqueue it for the workers, upstream's
 * `Job queued for execution. Job ID: ID`.
 */
export async function queueJobRun(
  store: Store,
  queue: QueueAdapter,
  name: string,
  params: Record<string, unknown>,
  io: CliIO,
): Promise<number> {
  const receipt = await createJobService({ queue, store }).dispatch({ name, params })
  io.stdout.write(`Job queued for execution. Job ID: ${receipt.id}\n`)
  await hintWithoutWorker(store, ANY_APP, io)
  return 0
}

/**
 * `quantum jobs cancel NAME|ID`: the pending job with that id, else every pending job of that name.
 * `Job cancelled: X`, or `error QUEUE_JOB_NOT_FOUND: Failed to cancel job: X (…)` and 1 when none was pending.
 */
export async function cancelJob(queue: QueueAdapter, target: string, io: CliIO): Promise<number> {
  const byId = await queue.get(target)
  let cancelled = 0
  if (byId) {
    if (await queue.cancel(target)) cancelled = 1
  } else {
    for (const job of await queue.list({ name: target, status: 'pending', limit: 10_000 })) {
      if (await queue.cancel(job.id)) cancelled++
    }
  }
  if (cancelled === 0) {
    const message = `Failed to cancel job: ${target} (no pending job has that name or ID)`
    stderrReport(io)({ code: ErrorCodes.QUEUE_JOB_NOT_FOUND, message })
    return 1
  }
  io.stdout.write(`Job cancelled: ${target}${cancelled > 1 ? ` (${plural(cancelled, 'job')})` : ''}\n`)
  return 0
}
