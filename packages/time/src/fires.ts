import { ErrorCodes, ValidationError } from '@quantum/ast'
import { expectTimeValue } from './check'
import { cronJob } from './cron'

/** Where and from when {@link nextFires} counts. */
export interface NextFiresOptions {
  /** The IANA timezone the expression's fields are read in. Default `UTC`. */
  timezone?: string
  /** Fires come strictly after this instant. Default: now. */
  from?: Date
  /** How many fires to return. Default 1. */
  count?: number
}

/**
 * The next instants a cron expression fires at: what the scheduler fires on and what
 * `quantum cron next` prints, computed by croner. The expression has 5 fields, or 6 with seconds
 * first; 0 and 7 are Sunday; `L` and `#` are read as croner reads them; day of month and day of
 * week restricted together match either. Across DST changes (Vixie cron's rules, as croner keeps
 * them):
 * - a fixed-time expression (one value in each of second, minute and hour) whose time falls in a
 *   spring-forward gap fires at the jump (`30 2 * * *` in New York on 2027-03-14 fires at 03:00
 *   local), and one whose time occurs twice in a fall-back hour fires once, at the first;
 * - any other expression skips times in a gap and fires on both passes through a repeated hour.
 *
 * Fewer than `count` instants come back when the expression stops firing (`0 0 30 2 *` never does).
 *
 * @throws ValidationError `PARSE_INVALID_CRON` or `PARSE_INVALID_TIMEZONE` with the parser's
 *   message; `PARSE_INVALID_VALUE` for a count that is not a whole number, 0 or more;
 *   `PARSE_INVALID_DATETIME` for a `from` that is not a valid date.
 */
export function nextFires(expression: string, options: NextFiresOptions = {}): Date[] {
  const cron = expectTimeValue('cron', expression)
  const timezone = expectTimeValue('timezone', options.timezone ?? 'UTC')
  const count = options.count ?? 1
  if (!Number.isInteger(count) || count < 0) {
    throw new ValidationError(
      ErrorCodes.PARSE_INVALID_VALUE,
      `Fire count must be a whole number, 0 or more: ${count}`,
    )
  }
  const from = options.from ?? new Date()
  if (Number.isNaN(from.getTime())) {
    throw new ValidationError(
      ErrorCodes.PARSE_INVALID_DATETIME,
      'Invalid datetime: the instant to count fires from',
    )
  }
  return cronJob(cron, timezone).nextRuns(count, from)
}
