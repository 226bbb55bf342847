import { randomBytes } from 'node:crypto'
import { hostname } from 'node:os'
import type { Logger } from '@quantum/runtime'
import type { BodyHost, BodyServicesConfig } from '@quantum/runtime/services'
import {
  createScheduler,
  type Scheduler,
  type SchedulerEvent,
  type SchedulerOptions,
} from '@quantum/scheduler'
import type { Store } from '@quantum/store'
import type { SchedulerConfig } from '../config'
import { errorText } from '../problems'
import { durationSetting } from '../settings'
import { EventLines, oneLine, stamp } from './eventLines'
import { announceWorker } from './heartbeat'
import type { HostConsole } from './hostConsole'

/** What {@link createScheduleHost} needs. */
export interface ScheduleHostOptions {
  store: Store
  /** What each fire's worker builds its services from (the thread pool's own). */
  bodies: BodyServicesConfig
  /** The services fires borrow from this process (its queue, its store, its thread pool). */
  lend?: BodyHost
  scheduler?: SchedulerConfig
  console: HostConsole
  /** Receives the log lines of bodies (`[schedule:NAME] …`), as the host's own `q:log` lines. */
  logger: Logger
  /** Facts shown by the worker's heartbeat (`apps`, `command`…). */
  details: Record<string, unknown>
  /** Also receives every scheduler event (the metrics). */
  onEvent?: (event: SchedulerEvent) => void
}

/** Schedules hosted by this process: `quantum worker start` and `quantum run --serve`. */
export interface ScheduleHost {
  readonly scheduler: Scheduler
  readonly workerId: string
  /** Host every active schedule of the store and announce this worker. */
  start(): Promise<void>
  /** Stop firing: fires in flight finish within the grace (`scheduler.stopGrace`), then withdraw the worker. */
  stop(): Promise<void>
}

/**
 * A scheduler on the configured store whose events become lines on `console`: one per fire, result,
 * skip, miss and control action, stamped with the time; store problems as warnings on stderr.
 */
export function createScheduleHost(options: ScheduleHostOptions): ScheduleHost {
  const { store, console } = options
  const workerId = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`
  const lines = new EventLines()
  const onEvent = (event: SchedulerEvent) => {
    options.onEvent?.(event)
    if (event.type === 'log') {
      const { entry } = event
      options.logger.log({ ...entry, message: `[schedule:${event.name}] ${entry.message}` })
      return
    }
    if (event.type === 'problem') {
      const about = event.name === undefined ? '' : ` (schedule ${event.name})`
      console.err(`warning ${event.code ?? 'SCHEDULE_ERROR'}: ${oneLine(event.message)}${about}`)
      return
    }
    const line = lines.line(event)
    if (line !== undefined) console.out(`${stamp(new Date())} ${line}`)
  }
  const scheduler = createScheduler({
    store,
    services: options.bodies,
    ...(options.lend ? { host: options.lend } : {}),
    workerId,
    onEvent,
    ...schedulerSettings(options.scheduler),
  })
  let withdraw: (() => Promise<void>) | undefined
  return {
    scheduler,
    workerId,
    async start() {
      await scheduler.start()
      const info = { id: workerId, host: hostname(), pid: process.pid, startedAt: new Date() }
      withdraw = await announceWorker(store, { ...info, details: options.details }, (error) =>
        console.err(`warning STORE_UNAVAILABLE: heartbeat failed (${oneLine(errorText(error))})`),
      )
    },
    async stop() {
      await scheduler.stop()
      await withdraw?.()
    },
  }
}

/** What the `scheduler` section sets of {@link createScheduler}'s options; an absent key keeps the scheduler's default. */
export function schedulerSettings(
  config: SchedulerConfig | undefined,
): Pick<SchedulerOptions, 'misfireGraceMs' | 'stopGraceMs' | 'workers'> {
  const misfireGraceMs = graceMs(config?.misfireGrace)
  const stopGraceMs = graceMs(config?.stopGrace)
  return {
    ...(misfireGraceMs === undefined ? {} : { misfireGraceMs }),
    ...(stopGraceMs === undefined ? {} : { stopGraceMs }),
    ...(config?.workers === undefined ? {} : { workers: config.workers }),
  }
}

/** A `scheduler` duration setting in milliseconds (checked when the configuration was loaded), or undefined. */
export function graceMs(value: string | number | undefined): number | undefined {
  const read = value === undefined ? undefined : durationSetting(value, { allowZero: true })
  return read?.ok ? read.value : undefined
}
