import { type ErrorCode, ErrorCodes } from '@quantum/ast'
import type { QueueAdapter, QueueJob } from '@quantum/queue'
import type { Store } from '@quantum/store'
import type { StoreContext } from '../commands/withStore'
import { hintWithoutWorker } from '../hosting/workerHint'
import type { CliIO } from '../io'
import { stderrReport } from '../problems'
import { jobNotFound } from './failures'
import { ANY_APP, queueJobRun } from './queueJobs'
import { runJobHere } from './runJobHere'
import { findTarget, targetJob } from './target'

/** Statuses a queue job is retried from (the adapter's `retry`). */
const RETRIABLE: readonly string[] = ['failed', 'cancelled']

/**
 * `quantum jobs retry ID|NAME`: the queue job with that ID, or the newest of that name, runs again from
 * attempt 1: `Job retried: ID (NAME)`. `Job not found: TEXT` when nothing has that name or ID; a
 * schedule, or a job that is not failed or cancelled, is a `QUEUE_ERROR` saying why. Exit 1 for each.
 */
export async function retryJob(
  store: Store,
  queue: () => Promise<QueueAdapter>,
  text: string,
  io: CliIO,
): Promise<number> {
  const target = await findTarget(store, queue, text)
  if (target?.kind === 'schedule') {
    return refuse(`Cannot retry ${text}: it is a schedule (fire it now with quantum jobs run ${text})`, io)
  }
  const job = target && targetJob(target)
  if (!job) return jobNotFound(text, io)
  if (!(await (await queue()).retry(job.id))) return notRetriable(job, io)
  io.stdout.write(`Job retried: ${job.id} (${job.name})\n`)
  await hintWithoutWorker(store, ANY_APP, io)
  return 0
}

/**
 * `quantum jobs run ID`: runs queue job ID again. A failed or cancelled job is retried in place (same ID,
 * its own parameters); a completed one is queued anew with its name and parameters (or `params`); one
 * pending or running is a `QUEUE_ERROR`. With `sync`, its body runs here with those parameters.
 */
export async function runJobAgain(
  store: Store,
  job: QueueJob,
  options: { params?: Record<string, unknown>; sync?: boolean },
  context: StoreContext,
  io: CliIO,
): Promise<number> {
  const params = options.params ?? job.params
  if (options.sync) {
    const definition = await store.getJob(job.name)
    if (!definition) return refuse(`Job '${job.name}' is not defined`, io, ErrorCodes.QUEUE_JOB_NOT_DEFINED)
    return runJobHere(store, definition, params, context, io)
  }
  const queue = await context.queue()
  if (RETRIABLE.includes(job.status)) {
    if (options.params !== undefined) {
      io.stderr.write(`Parameters ignored: job ${job.id} is retried with its own.\n`)
    }
    if (!(await queue.retry(job.id))) return notRetriable(job, io)
    io.stdout.write(`Job queued for execution. Job ID: ${job.id}\n`)
    await hintWithoutWorker(store, ANY_APP, io)
    return 0
  }
  if (job.status !== 'completed') return refuse(`Job ${job.id} (${job.name}) is already ${job.status}`, io)
  return queueJobRun(store, queue, job.name, params, io)
}

function notRetriable(job: QueueJob, io: CliIO): number {
  return refuse(
    `Cannot retry job ${job.id} (${job.name}): it is ${job.status} (only a failed or cancelled job is retried)`,
    io,
  )
}

function refuse(message: string, io: CliIO, code: ErrorCode = ErrorCodes.QUEUE_ERROR): number {
  stderrReport(io)({ code, message })
  return 1
}
