import type { Store } from '@quantum/store'
import { systemClock } from './clock'
import type { LeadTime } from './lead'
import type { FireRunner } from './runner'
import type { SchedulerClock, SchedulerEvent } from './types'

/** What every fire of one scheduler shares. */
export interface FireContext {
  store: Store
  runner: FireRunner
  clock: SchedulerClock
  workerId: string
  misfireGraceMs: number
  /** How long before its instant a fire starts preparing (store reads, locks, the hand-off to a worker). */
  lead: LeadTime
  emit(event: SchedulerEvent): void
  /** True once stop() began: failed attempts are not retried. */
  stopping(): boolean
  counters: { fired: number; failed: number; skipped: number }
}

/** UTC ISO 8601 with `Z`, as the store keeps instants. */
export const iso = (ms: number) => new Date(ms).toISOString()

/*
 * Workers hold and time bodies by `Date.now()`; an injected clock (tests) is translated by its offset.
 * The system clock is the identity: two reads of it may straddle a millisecond, and a fire held to a
 * translated instant could then start a millisecond early.
 */

/** The epoch ms of this process's `Date.now()` at which the scheduler's clock reads `ms`. */
export const realOf = (clock: SchedulerClock, ms: number) =>
  clock === systemClock ? ms : Date.now() + (ms - clock.now())

/** The scheduler clock's reading at this process's `Date.now()` instant `real`. */
export const clockOf = (clock: SchedulerClock, real: number) =>
  clock === systemClock ? real : real + (clock.now() - Date.now())
