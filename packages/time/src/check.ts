import { type ErrorCode, ErrorCodes, ValidationError } from '@quantum/ast'
import { checkCron } from './cron'
import { parseDateTime } from './datetime'
import { intervalProblem, parseDuration } from './duration'
import { isTimeZone, unknownTimeZoneMessage } from './timezone'

/** The time values a tag attribute can hold. */
export interface TimeValues {
  /** Milliseconds, positive (`timeout`, `delay`, `duration`). */
  duration: number
  /** Milliseconds, at least `MIN_INTERVAL_MS` (a schedule's `interval`). */
  interval: number
  /** A cron expression as written, trimmed. */
  cron: string
  /** An ISO 8601 date-time as written, trimmed (`at`). */
  datetime: string
  /** An IANA timezone name, trimmed. */
  timezone: string
}

/** One kind of time value. */
export type TimeValueKind = keyof TimeValues

/** A checked time value, or the code and message that say why it is not one. */
export type TimeValueResult<K extends TimeValueKind> =
  | { ok: true; value: TimeValues[K] }
  | { ok: false; code: ErrorCode; message: string }

const CODES: Record<TimeValueKind, ErrorCode> = {
  duration: ErrorCodes.PARSE_INVALID_DURATION,
  interval: ErrorCodes.PARSE_INVALID_DURATION,
  cron: ErrorCodes.PARSE_INVALID_CRON,
  datetime: ErrorCodes.PARSE_INVALID_DATETIME,
  timezone: ErrorCodes.PARSE_INVALID_TIMEZONE,
}

const CHECKS: {
  [K in TimeValueKind]: (text: string) => { ok: true; value: TimeValues[K] } | { ok: false; message: string }
} = {
  duration: (text) => {
    const result = parseDuration(text)
    return result.ok ? { ok: true, value: result.ms } : result
  },
  interval: (text) => {
    const result = parseDuration(text)
    if (!result.ok) return result
    const problem = intervalProblem(result.ms, { text: text.trim() })
    return problem === undefined ? { ok: true, value: result.ms } : { ok: false, message: problem }
  },
  cron: (text) => {
    const result = checkCron(text)
    return result.ok ? { ok: true, value: text.trim() } : result
  },
  datetime: (text) => {
    const result = parseDateTime(text)
    return result.ok ? { ok: true, value: text.trim() } : result
  },
  timezone: (text) => {
    const zone = text.trim()
    return isTimeZone(zone) ? { ok: true, value: zone } : { ok: false, message: unknownTimeZoneMessage(zone) }
  },
}

/**
 * Check the text of a time attribute: the parser calls it for a literal, the runtime for a value
 * it has just bound, so both report the same code and message for the same text.
 *
 * @example
 * checkTimeValue('duration', '1.5m') // { ok: true, value: 90000 }
 * checkTimeValue('cron', '0 25 * * *') // { ok: false, code: 'PARSE_INVALID_CRON', message: 'Invalid cron expression: …' }
 */
export function checkTimeValue<K extends TimeValueKind>(kind: K, text: string): TimeValueResult<K> {
  const result = CHECKS[kind](text)
  return result.ok ? result : { ok: false, code: CODES[kind], message: result.message }
}

/** The checked value, or a `ValidationError` with the check's code and message. */
export function expectTimeValue<K extends TimeValueKind>(kind: K, text: string): TimeValues[K] {
  const result = checkTimeValue(kind, text)
  if (result.ok) return result.value
  throw new ValidationError(result.code, result.message)
}
