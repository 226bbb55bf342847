import type { SchedulerClock } from './types'

/**
 * Timers wake at least this often and look at the wall clock again, so a fire due while the machine
 * slept is noticed within this long of waking, and a delay past Node's 24.8-day timer limit works.
 */
const RECHECK_MS = 30_000

/** The system's wall clock; timers re-arm from `Date.now()` so they follow it across sleep and long delays. */
export const systemClock: SchedulerClock = {
  now: () => Date.now(),
  setTimer(callback, ms) {
    const target = Date.now() + ms
    let timer: NodeJS.Timeout
    const arm = () => {
      const remaining = target - Date.now()
      if (remaining <= 0) return callback()
      timer = setTimeout(arm, Math.min(remaining, RECHECK_MS))
    }
    timer = setTimeout(arm, Math.min(Math.max(ms, 0), RECHECK_MS))
    return () => clearTimeout(timer)
  },
}
