import { formatMilliseconds, parseDuration } from '@quantum/time'

/**
 * The checks a setting gets wherever it is given: as a flag (a usage error, exit 2), an environment
 * variable or a key of `quantum.config.json` (`CLI_CONFIG`), so that each is refused with one message.
 */

/** A setting's value, or why the input is not one (a sentence that follows the setting's name). */
export type SettingResult<T> = { ok: true; value: T } | { ok: false; message: string }

/** The longest duration a setting takes (`--delay`, `scheduler.misfireGrace`…): 365 days. */
export const MAX_SETTING_DURATION_MS = 365 * 86_400_000

const ok = <T>(value: T): SettingResult<T> => ({ ok: true, value })
const refused = <T>(message: string): SettingResult<T> => ({ ok: false, message })

/** A `redis://` or `rediss://` URL with something after the scheme. */
export function redisUrlSetting(url: unknown): SettingResult<string> {
  return typeof url === 'string' && /^rediss?:\/\/./i.test(url)
    ? ok(url)
    : refused('must be a redis:// or rediss:// URL, like redis://127.0.0.1:6379')
}

/**
 * Milliseconds: `60s`, `2m`, `250ms` or whole seconds (a number in a configuration file is whole
 * seconds); zero only when `allowZero`; at most {@link MAX_SETTING_DURATION_MS}.
 */
export function durationSetting(
  value: unknown,
  { allowZero = false }: { allowZero?: boolean } = {},
): SettingResult<number> {
  let ms: number
  if (typeof value === 'number') {
    const least = allowZero ? 0 : 1
    if (!Number.isSafeInteger(value) || value < least)
      return refused(`must be whole seconds of at least ${least}`)
    ms = value * 1000
  } else if (typeof value === 'string') {
    const read = parseDuration(value, { allowZero })
    if (!read.ok) return refused(read.message)
    ms = read.ms
  } else {
    return refused('must be a duration like "60s" or whole seconds')
  }
  if (ms > MAX_SETTING_DURATION_MS)
    return refused(`must be at most ${formatMilliseconds(MAX_SETTING_DURATION_MS)}: ${String(value).trim()}`)
  return ok(ms)
}

/** A whole number from `min` to `max`: a flag's digits, or a configuration file's number. */
export function wholeNumberSetting(
  value: unknown,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): SettingResult<number> {
  const number =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\s*\d+\s*$/.test(value)
        ? Number(value)
        : Number.NaN
  if (Number.isSafeInteger(number) && number >= min && number <= max) return ok(number)
  return refused(
    max === Number.MAX_SAFE_INTEGER
      ? `must be a whole number of at least ${min}`
      : `must be a whole number from ${min} to ${max}`,
  )
}
