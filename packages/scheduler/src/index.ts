/**
 * @packageDocumentation
 * `q:schedule` that persists and runs exactly once: fire instants from croner (`@quantum/time`: DST,
 * `L`, `#`, delays past 24.8 days), bodies on a few long-lived fire workers that Bree manages, held until the
 * instant, locks, history, misfires and control from any process through `@quantum/store`.
 */
export { systemClock } from './clock'
export { createScheduleRegistrar } from './registrar'
export { scheduleInfo } from './scheduleInfo'
export { createScheduler } from './scheduler'
export { nextFireAfter } from './triggers'
export type {
  FireStatus,
  Scheduler,
  SchedulerClock,
  SchedulerEvent,
  SchedulerOptions,
  SchedulerStats,
} from './types'
