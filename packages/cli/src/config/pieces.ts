import { formatMilliseconds, parseDuration } from '@quantum/time'
import { z } from 'zod'

/**
 * The values a setting takes, as zod schemas shared by `quantum.config.json` (`schema.ts`), the environment
 * and the flags (`settings.ts`), so each is refused with one message wherever it is given.
 *
 * An issue's message is what was expected (`a whole number of at least 1`): the configuration shows it as
 * `key: expected …, got …`, a flag as `must be …`. A message that says the whole problem (a duration that
 * does not parse) is a custom issue marked with {@link PROBLEM}, and is shown as it is.
 */

/** The params that mark a custom issue's message as the whole problem rather than an expectation. */
export const PROBLEM = { problem: true } as const

/** Whether an issue's message is the whole problem (see {@link PROBLEM}). */
export function isProblem(issue: z.core.$ZodIssue): boolean {
  return issue.code === 'custom' && issue.params?.problem === true
}

/** The longest duration a setting takes (`--delay`, `scheduler.misfireGrace`…): 365 days. */
export const MAX_SETTING_DURATION_MS = 365 * 86_400_000

/** A whole number from `min` to `max`. */
export function wholeNumber(min: number, max = Number.MAX_SAFE_INTEGER) {
  const error =
    max === Number.MAX_SAFE_INTEGER
      ? `a whole number of at least ${min}`
      : `a whole number from ${min} to ${max}`
  const atLeast = z.int({ error }).min(min, { error })
  return max === Number.MAX_SAFE_INTEGER ? atLeast : atLeast.max(max, { error })
}

/** A number of at least 0, fractions allowed (the run limits). */
export const nonNegativeNumber = z
  .number({ error: 'a number of at least 0' })
  .min(0, { error: 'a number of at least 0' })

/** A `redis://` or `rediss://` URL with something after the scheme. */
export const redisUrl = urlOf(/^rediss?:\/\/./i, 'a redis:// or rediss:// URL, like redis://127.0.0.1:6379')

/** An `smtp://` or `smtps://` URL with something after the scheme. */
export const smtpUrl = urlOf(/^smtps?:\/\/./i, 'an smtp:// or smtps:// URL')

/** A string that is not empty (a path, a key prefix). */
export function nonEmptyString(what: string) {
  const error = `a non-empty ${what}`
  return z.string({ error }).min(1, { error })
}

function urlOf(pattern: RegExp, error: string) {
  return z.string({ error }).regex(pattern, { error })
}

/**
 * A duration as `q:schedule` writes them (`60s`, `2m`, `250ms`) or whole seconds (a number); zero only
 * when `allowZero`; at most {@link MAX_SETTING_DURATION_MS}. The value is kept as given: {@link durationMs}
 * reads it.
 */
export function duration({ allowZero = false }: { allowZero?: boolean } = {}) {
  const least = allowZero ? 0 : 1
  const seconds = `whole seconds of at least ${least}`
  const text = z.string().superRefine((value, context) => {
    const read = parseDuration(value, { allowZero })
    if (!read.ok) context.addIssue({ code: 'custom', message: read.message, params: PROBLEM })
  })
  return z
    .union([text, z.int({ error: seconds }).min(least, { error: seconds })], {
      error: 'a duration like "60s" or whole seconds',
    })
    .superRefine((value, context) => {
      // Runs after an option's range check failed too: a value that did not parse is not "too long".
      if (!(durationMs(value) > MAX_SETTING_DURATION_MS)) return
      const most = formatMilliseconds(MAX_SETTING_DURATION_MS)
      context.addIssue({
        code: 'custom',
        message: `must be at most ${most}: ${String(value).trim()}`,
        params: PROBLEM,
      })
    })
}

/** The milliseconds of a value {@link duration} took. */
export function durationMs(value: string | number): number {
  if (typeof value === 'number') return value * 1000
  const read = parseDuration(value, { allowZero: true })
  return read.ok ? read.ms : Number.NaN
}
