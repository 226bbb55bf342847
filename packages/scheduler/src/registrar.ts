import type { ScheduleDefinition, ScheduleService } from '@quantum/runtime'
import type { ScheduleRecord, Store } from '@quantum/store'
import { systemClock } from './clock'
import { scheduleInfo } from './scheduleInfo'
import { firstFire, nextOnGrid, sameTrigger, triggerError } from './triggers'
import type { SchedulerClock } from './types'

/**
 * A ScheduleService that only writes the store (for `quantum run FILE` without --serve): next_run
 * computed, nothing hosted. An interval under `minIntervalMs` is refused (`PARSE_INVALID_DURATION`).
 */
export function createScheduleRegistrar(
  store: Store,
  options: { clock?: SchedulerClock; minIntervalMs?: number } = {},
): ScheduleService {
  const clock = options.clock ?? systemClock
  return {
    async register(definition) {
      const refused = triggerError(definition.trigger, options.minIntervalMs)
      if (refused) throw refused
      const existing = await store.getSchedule(definition.name)
      const nextRun = registeredNextRun(definition, existing, clock.now())
      const record = await store.registerSchedule(definition, {
        nextRun: nextRun === null ? null : new Date(nextRun),
      })
      return scheduleInfo(record)
    },
    async pause(name) {
      return store.pauseSchedule(name)
    },
    async resume(name) {
      const record = await store.getSchedule(name)
      if (!record) return false
      // The next instant after now: the paused period is not replayed as misfires.
      await store.updateSchedule(name, { nextRun: resumedNextRun(record, clock.now()) })
      return store.resumeSchedule(name)
    },
    async delete(name) {
      return store.deleteSchedule(name)
    },
  }
}

/**
 * The nextRun a registration stores. Re-registering with the same trigger and timezone keeps the stored
 * one (an interval keeps its phase, and a fire missed while no worker ran is still seen as missed).
 */
export function registeredNextRun(
  definition: ScheduleDefinition,
  existing: ScheduleRecord | undefined,
  now: number,
): number | null {
  const { trigger, timezone } = definition
  if (
    existing?.nextRun &&
    sameTrigger(existing.definition.trigger, trigger) &&
    existing.definition.timezone === timezone
  ) {
    return Date.parse(existing.nextRun)
  }
  return firstFire(trigger, timezone, now)
}

/** Where a resumed schedule fires next: its stored instant if still ahead, else the next one after `now`. */
export function resumedNextRun(record: ScheduleRecord, now: number): Date | null {
  const { trigger, timezone } = record.definition
  const stored = record.nextRun === null ? null : Date.parse(record.nextRun)
  const next = nextOnGrid(trigger, timezone, stored, now)
  return next === null ? null : new Date(next)
}
