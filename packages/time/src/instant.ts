import { ErrorCodes, ValidationError } from '@quantum/ast'
import { Cron } from 'croner'
import { expectTimeValue } from './check'
import { type LocalDateTime, parseDateTime } from './datetime'

const DAY_MS = 86_400_000

/**
 * The instant an ISO 8601 date-time names, as `q:schedule at=` and `quantum cron next --from` read
 * it. With `Z` or an offset it is that instant. Without, it is the wall-clock time in `timezone`,
 * under the DST rules of a fixed-time cron fire (croner computes both): a time inside a
 * spring-forward gap is the jump (`2027-03-14T02:30` in New York is 03:00 local), a time that occurs
 * twice in a fall-back hour is the first. Milliseconds are added to the second that rule gives.
 *
 * @throws ValidationError `PARSE_INVALID_DATETIME` or `PARSE_INVALID_TIMEZONE` with the parser's message.
 */
export function instantOf(dateTime: string, timezone = 'UTC'): Date {
  const parsed = parseDateTime(dateTime)
  if (!parsed.ok) throw new ValidationError(ErrorCodes.PARSE_INVALID_DATETIME, parsed.message)
  const zone = expectTimeValue('timezone', timezone)
  const { year, month, day, hour, minute, second, millisecond, offsetMinutes } = parsed.value
  const wallClock = asUtc(parsed.value)
  if (offsetMinutes !== undefined) return new Date(wallClock - offsetMinutes * 60_000)
  if (year < 1) {
    throw new ValidationError(
      ErrorCodes.PARSE_INVALID_DATETIME,
      `Invalid datetime: ${dateTime.trim()} (a date-time without an offset needs a year from 0001)`,
    )
  }
  // A one-off pattern with croner's year field: the wall-clock time, found from two days before it
  // (more than any UTC offset), gets exactly the DST handling a cron fire gets.
  const once = new Cron(`${second} ${minute} ${hour} ${day} ${month} * ${year}`, {
    paused: true,
    mode: '7-part',
    timezone: zone,
  })
  const fire = once.nextRun(new Date(wallClock - 2 * DAY_MS)) as Date
  return new Date(fire.getTime() + millisecond)
}

/** The wall-clock time read as UTC; unlike `Date.UTC`, years 0 to 99 are not 1900 to 1999. */
function asUtc(value: LocalDateTime): number {
  const date = new Date(0)
  date.setUTCFullYear(value.year, value.month - 1, value.day)
  date.setUTCHours(value.hour, value.minute, value.second, value.millisecond)
  return date.getTime()
}
