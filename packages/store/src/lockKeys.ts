import { checkName, toTimestamp } from './internal/values'
import type { Timestamp } from './store'

/**
 * The lock key for one fire of a schedule: its name and the instant the fire was due (UTC ISO 8601).
 * Every worker computes the same key for the same fire, so whoever takes it runs the fire, once.
 */
export function fireLockKey(name: string, dueAt: Timestamp): string {
  return `fire:${checkName(name, 'schedule name')}:${toTimestamp(dueAt, 'dueAt')}`
}

/** The lock key a fire holds while it runs, so `overlap="false"` can skip the next one in any process. */
export function runningLockKey(name: string): string {
  return `running:${checkName(name, 'schedule name')}`
}
