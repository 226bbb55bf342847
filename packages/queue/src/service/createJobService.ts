import { hostname } from 'node:os'
import { ErrorCodes } from '@quantum/ast'
import type { DispatchReceipt, DispatchRequest, JobDefinition } from '@quantum/runtime'
import type { NewRun } from '@quantum/store'
import type { NewJob } from '../contract'
import { coded, queueError } from '../internal/errors'
import { untilWritten } from '../internal/untilWritten'
import { Definitions } from './definitions'
import { notDefined } from './errors'
import { executeJob, type Handler } from './execute'
import { attemptRun, lostRun } from './history'
import { resultOf } from './result'
import type { JobServiceOptions, QueueJobService } from './types'

/** How long a worker tries again to write an attempt's history row while the store is full, in ms. */
const HISTORY_RETRY_MS = 60_000

/** What a dispatch may set and otherwise inherits from the definition (or the handler's options). */
const JOB_SETTINGS = ['queue', 'attempts', 'backoff', 'priority', 'timeoutMs', 'delayMs'] as const

/**
 * The `JobService` the runtime's `q:job` delegates to, over any queue adapter: `define` stores the
 * definition, `dispatch` and `dispatchBatch` enqueue with the definition's defaults, and `work` runs
 * jobs with their params checked, one history row per attempt. Function handlers make it usable
 * without any `.q` file.
 */
export function createJobService(options: JobServiceOptions): QueueJobService {
  const { queue, store, executor, logger } = options
  const handlers = new Map<string, Handler>()
  const definitions = new Definitions(store, options.definitionTtlMs ?? 1000)
  const workerId = `${hostname()}:${process.pid}`
  const warn = (error: Error) =>
    logger
      ? logger.log({ time: new Date(), level: 'warning', message: error.message })
      : process.emitWarning(error)

  // A history row lost to a full disk is written once there is room again, for a while.
  const recordRun = async (run: NewRun) => {
    if (!store) return
    const until = Date.now() + HISTORY_RETRY_MS
    await untilWritten(
      () => store.recordRun(run),
      () => Date.now() > until,
      warn,
    )
  }

  /** The defaults a dispatch of `name` inherits: a handler's here, else the stored definition's. */
  const defaultsOf = async (name: string): Promise<Omit<NewJob, 'name' | 'params'>> => {
    const handler = handlers.get(name)
    if (handler) return handler.options
    const definition = await definitions.get(name)
    if (!definition) throw notDefined(name)
    const { queue: on, attempts, backoff, priority, timeoutMs, delayMs } = definition
    return { queue: on, attempts, backoff, priority, timeoutMs, delayMs }
  }

  const toJob = async (request: DispatchRequest): Promise<NewJob> => {
    const defaults = await defaultsOf(request.name)
    const job: Record<string, unknown> = { name: request.name, params: request.params ?? {} }
    // The request's settings over the defaults; one left undefined takes the default (no key at all
    // when neither has one, so the adapter applies its own).
    for (const key of JOB_SETTINGS) {
      const value = request[key] !== undefined ? request[key] : defaults[key]
      if (value !== undefined) job[key] = value
    }
    return job as unknown as NewJob
  }

  const service: QueueJobService = {
    async define(definition: JobDefinition) {
      if (!store)
        throw coded(
          ErrorCodes.QUEUE_ERROR,
          `Cannot define job '${definition.name}': this job service has no store`,
        )
      await store.defineJob(definition)
      definitions.forget(definition.name)
    },

    handle(name, run, handlerOptions = {}) {
      if (typeof name !== 'string' || name === '') throw queueError('Job name is required')
      handlers.set(name, { run, options: handlerOptions })
      return {
        name,
        dispatch: (params, settings = {}) => service.dispatch({ ...settings, name, params }),
      }
    },

    async dispatch(request) {
      const receipt = await queue.enqueue(await toJob(request as DispatchRequest))
      return receipt satisfies DispatchReceipt
    },

    async result(id, resultOptions) {
      return resultOf(await queue.finished(id, resultOptions))
    },

    async dispatchBatch(requests) {
      if (requests.length === 0) return []
      // One enqueueMany: the embedded adapter writes the whole batch in one transaction (all or nothing);
      // its size is bounded where it is built (`limits.maxBatchJobs` for q:job).
      return queue.enqueueMany(await Promise.all(requests.map(toJob)))
    },

    work(workOptions = {}) {
      return queue.process((job) => executeJob(job, { handlers, definitions, executor, logger }), {
        ...(workOptions.queues && { queues: workOptions.queues }),
        concurrency: workOptions.concurrency ?? 1,
        onError: warn,
        settled: async (job, settlement) => {
          await recordRun(attemptRun(job, settlement, workerId))
          workOptions.onSettled?.(job, settlement)
        },
        lost: async (job, attempt) => {
          await recordRun(lostRun(job, attempt))
        },
      })
    },
  }
  return service
}
