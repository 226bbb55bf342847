/**
 * @packageDocumentation
 * The time values of the Quantum language, in one place for the parser, the runtime, the scheduler
 * and the CLI: durations, cron expressions, ISO 8601 date-times and IANA timezones, each checked with
 * one message and code wherever it is read, and the instants a cron expression fires at (croner).
 */

export type { TimeValueKind, TimeValueResult, TimeValues } from './check'
export { checkTimeValue } from './check'
export type { CronResult } from './cron'
export { checkCron } from './cron'
export type { DateTimeResult, LocalDateTime } from './datetime'
export { parseDateTime } from './datetime'
export type { DurationResult } from './duration'
export {
  formatDuration,
  formatMilliseconds,
  intervalProblem,
  MIN_INTERVAL_MS,
  parseDuration,
} from './duration'
export type { NextFiresOptions } from './fires'
export { nextFires } from './fires'
export { instantOf } from './instant'
export { setLongTimeout } from './longTimeout'
export { isTimeZone } from './timezone'
