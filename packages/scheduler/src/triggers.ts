import { ErrorCodes, ValidationError } from '@quantum/ast'
import type { ScheduleTrigger } from '@quantum/runtime'
import { instantOf, intervalProblem, nextFires } from '@quantum/time'

/**
 * The `PARSE_INVALID_DURATION` error of a trigger that fires faster than `minMs` allows (an interval
 * under `MIN_INTERVAL_MS`, however it got here: a definition stored before the check, or one registered
 * through the API), else undefined.
 */
export function triggerError(trigger: ScheduleTrigger, minMs?: number): ValidationError | undefined {
  if (trigger.kind !== 'interval') return undefined
  const problem = intervalProblem(trigger.everyMs, minMs === undefined ? {} : { minMs })
  return problem === undefined ? undefined : new ValidationError(ErrorCodes.PARSE_INVALID_DURATION, problem)
}

/**
 * The instant a trigger fires next strictly after `after` (null when never again): what the scheduler
 * fires on and `next_run` shows. Cron instants are croner's (`nextFires`), so DST gaps fire at the
 * jump and fall-back hours follow its rules; an interval fires `after + everyMs` (passing the previous
 * due instant keeps the phase, with no drift); `at` is read in `timezone` unless it has an offset.
 *
 * @throws ValidationError `PARSE_INVALID_CRON`, `PARSE_INVALID_TIMEZONE` or `PARSE_INVALID_DATETIME`
 */
export function nextFireAfter(trigger: ScheduleTrigger, timezone: string, after: Date): Date | null {
  if (trigger.kind === 'interval') return new Date(after.getTime() + trigger.everyMs)
  if (trigger.kind === 'cron')
    return nextFires(trigger.expression, { timezone, from: after, count: 1 })[0] ?? null
  const at = instantOf(trigger.at, timezone)
  return at.getTime() > after.getTime() ? at : null
}

/** When a schedule registered at `now` fires first: an interval after one period, `at` even when past (so it is reported). */
export function firstFire(trigger: ScheduleTrigger, timezone: string, now: number): number | null {
  if (trigger.kind === 'at') return instantOf(trigger.at, timezone).getTime()
  return nextFireAfter(trigger, timezone, new Date(now))?.getTime() ?? null
}

/**
 * The first instant after `now` on the schedule's grid: an interval keeps the phase of `anchor` (a
 * due instant it had), cron and `at` ignore it. Null when the trigger never fires again.
 */
export function nextOnGrid(
  trigger: ScheduleTrigger,
  timezone: string,
  anchor: number | null,
  now: number,
): number | null {
  if (trigger.kind === 'interval' && anchor !== null) {
    if (anchor > now) return anchor
    const periods = Math.floor((now - anchor) / trigger.everyMs) + 1
    return anchor + periods * trigger.everyMs
  }
  return nextFireAfter(trigger, timezone, new Date(now))?.getTime() ?? null
}

/** Missed instants from `first` (itself missed) up to `now`: how many, and the last of them. */
export interface MissedRange {
  count: number
  first: number
  last: number
  /** True when counting stopped at {@link MAX_COUNTED} (a per-second cron missed for days). */
  more: boolean
}

const MAX_COUNTED = 100_000

/** The instants of a trigger from `first` (due, not run) through `now`. */
export function missedSince(
  trigger: ScheduleTrigger,
  timezone: string,
  first: number,
  now: number,
): MissedRange {
  if (trigger.kind === 'interval') {
    const count = Math.floor((now - first) / trigger.everyMs) + 1
    return { count, first, last: first + (count - 1) * trigger.everyMs, more: false }
  }
  let count = 1
  let last = first
  for (;;) {
    const next = nextFireAfter(trigger, timezone, new Date(last))?.getTime()
    if (next === undefined || next > now) return { count, first, last, more: false }
    if (count === MAX_COUNTED) return { count, first, last, more: true }
    count++
    last = next
  }
}

/** Whether two triggers fire at the same instants. */
export function sameTrigger(a: ScheduleTrigger, b: ScheduleTrigger): boolean {
  if (a.kind === 'interval' && b.kind === 'interval') return a.everyMs === b.everyMs
  if (a.kind === 'cron' && b.kind === 'cron') return a.expression === b.expression
  return a.kind === 'at' && b.kind === 'at' && a.at === b.at
}
