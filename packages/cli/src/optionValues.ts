import { InvalidArgumentError } from 'commander'
import { durationSetting, redisUrlSetting, type SettingResult, wholeNumberSetting } from './settings'

/**
 * Commander parsers for option values, each the check the same setting gets in `quantum.config.json`
 * (`settings.ts`); a value it refuses is a usage error (exit 2, `CLI_USAGE`) that says why.
 */

/** Turns a setting check into a commander parser. */
function option<T>(check: (text: string) => SettingResult<T>): (text: string) => T {
  return (text) => {
    const result = check(text)
    if (!result.ok) throw new InvalidArgumentError(`${result.message}.`)
    return result.value
  }
}

/** A whole number between `min` and `max`. */
export function wholeNumber(min: number, max: number): (text: string) => number {
  return option((text) => wholeNumberSetting(text, min, max))
}

/** A duration (`30s`, `5m`) in milliseconds, zero allowed, at most a year. */
export const durationMs = option((text) => durationSetting(text, { allowZero: true }))

/** `--redis`: a redis:// or rediss:// URL. */
export const redisUrl = option(redisUrlSetting)

/** A name that may not be blank (`--queue`). */
export const nonBlank = option((text) =>
  text.trim() === '' ? { ok: false, message: 'must not be empty' } : { ok: true, value: text.trim() },
)

/**
 * `--params`: a JSON object, or a usage error with upstream's words (`Invalid JSON parameters: <reason>`),
 * before anything runs.
 */
export function jsonParams(text: string): Record<string, unknown> {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw new InvalidArgumentError(`Invalid JSON parameters: ${(error as Error).message}.`)
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidArgumentError('Invalid JSON parameters: expected a JSON object, like {"id": 7}.')
  }
  return value as Record<string, unknown>
}
