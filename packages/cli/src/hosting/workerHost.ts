import type { QueueAdapter } from '@quantum/queue'
import { createRuntime, type Runtime } from '@quantum/runtime'
import type { Store } from '@quantum/store'
import type { HostConsole } from './hostConsole'
import { showProgress, type WorkerStats } from './hostConsole'
import type { WorkerMetrics } from './metrics'
import type { PreparedHost } from './prepareHost'
import { createQueueHost, type QueueHost, type ServeQueues } from './queueHost'
import { createScheduleHost, graceMs, type ScheduleHost } from './scheduleHost'

/** What {@link createWorkerHost} needs. */
export interface WorkerHostOptions {
  prepared: PreparedHost
  store: Store
  queue: QueueAdapter
  console: HostConsole
  /** Facts the worker's heartbeat shows (`command`, `apps`, `queues`…). */
  details: Record<string, unknown>
  /** Metrics fed by the schedules' events and the jobs' settlements. */
  metrics?: WorkerMetrics
}

/** Schedules and queue jobs hosted by this process, and a runtime whose `q:schedule`/`q:job` reach them. */
export interface WorkerHost {
  readonly schedules: ScheduleHost
  readonly jobs: QueueHost
  /** Runs app files: its schedule and job services are this host's. */
  readonly runtime: Runtime
  /** Host every schedule of the store, announce the worker, and take jobs from `serve.queues`. */
  start(serve: Omit<ServeQueues, 'graceMs'>): Promise<void>
  /** Show progress until stop: a live line on a terminal, a plain line each minute elsewhere. */
  showProgress(): void
  /** Stop both: fires and jobs in flight finish within the grace (`scheduler.stopGrace`), the rest are ended or handed back. */
  stop(): Promise<void>
  /** Schedules hosted, running now, and the fires and job attempts since the start. */
  stats(): WorkerStats
}

/** The host behind `quantum worker start` and `quantum run --serve`. */
export function createWorkerHost(options: WorkerHostOptions): WorkerHost {
  const { prepared, store, console } = options
  const jobs = createQueueHost({
    queue: options.queue,
    store,
    executor: prepared.executor,
    logger: prepared.logger,
    console,
    ...(options.metrics ? { onSettled: options.metrics.onSettled } : {}),
  })
  // Bodies in worker threads (fires, jobs, threads) reach this process's queue, store, pool and parser.
  const { lend } = prepared
  lend.jobs = jobs.service
  lend.schedules = {
    register: (definition) => schedules.scheduler.service.register(definition),
    pause: (name) => schedules.scheduler.service.pause(name),
    resume: (name) => schedules.scheduler.service.resume(name),
    delete: (name) => schedules.scheduler.service.delete(name),
  }
  const schedules: ScheduleHost = createScheduleHost({
    store,
    bodies: prepared.bodies,
    lend,
    ...(prepared.config.scheduler ? { scheduler: prepared.config.scheduler } : {}),
    console,
    logger: prepared.logger,
    details: options.details,
    ...(options.metrics ? { onEvent: options.metrics.onSchedulerEvent } : {}),
  })
  const runtime = createRuntime(
    { ...prepared.services, schedules: schedules.scheduler.service, jobs: jobs.service },
    prepared.config.limits ? { limits: prepared.config.limits } : {},
  )
  const stopGraceMs = graceMs(prepared.config.scheduler?.stopGrace)
  let hideProgress: (() => void) | undefined
  const stats = (): WorkerStats => {
    const fires = schedules.scheduler.stats()
    const { running, ...attempts } = jobs.stats()
    return {
      schedules: fires.schedules,
      running: fires.running + running,
      fires: { ran: fires.fired, failed: fires.failed, skipped: fires.skipped },
      jobs: attempts,
    }
  }
  return {
    schedules,
    jobs,
    runtime,
    async start(serve) {
      await schedules.start()
      jobs.start(stopGraceMs === undefined ? serve : { ...serve, graceMs: stopGraceMs })
    },
    showProgress() {
      hideProgress ??= showProgress(console, stats)
    },
    async stop() {
      hideProgress?.()
      const results = await Promise.allSettled([schedules.stop(), jobs.stop()])
      const failure = results.find((result) => result.status === 'rejected')
      if (failure?.status === 'rejected') throw failure.reason
    },
    stats,
  }
}
