import type { z } from 'zod'
import { leafIssues, settingMessage } from './config/issues'
import { duration, durationMs, redisUrl, wholeNumber } from './config/pieces'

/**
 * The checks a setting gets wherever it is given: as a flag (a usage error, exit 2), an environment
 * variable or a key of `quantum.config.json` (`CLI_CONFIG`), so that each is refused with one message.
 * Each is a piece of the configuration's schema (`config/pieces.ts`).
 */

export { MAX_SETTING_DURATION_MS } from './config/pieces'

/** A setting's value, or why the input is not one (a sentence that follows the setting's name). */
export type SettingResult<T> = { ok: true; value: T } | { ok: false; message: string }

/** `value` read with `schema`: its value, or the first problem, in the words of a flag (`must be …`). */
function setting<T>(schema: z.ZodType<T>, value: unknown): SettingResult<T> {
  const read = schema.safeParse(value)
  if (read.success) return { ok: true, value: read.data }
  const [issue] = leafIssues(read.error.issues)
  return { ok: false, message: issue ? settingMessage(issue) : read.error.message }
}

/** A `redis://` or `rediss://` URL with something after the scheme. */
export function redisUrlSetting(url: unknown): SettingResult<string> {
  return setting(redisUrl, url)
}

const durations = { true: duration({ allowZero: true }), false: duration() }

/**
 * Milliseconds: `60s`, `2m`, `250ms` or whole seconds (a number in a configuration file is whole
 * seconds); zero only when `allowZero`; at most {@link MAX_SETTING_DURATION_MS}.
 */
export function durationSetting(
  value: unknown,
  { allowZero = false }: { allowZero?: boolean } = {},
): SettingResult<number> {
  const read = setting(durations[`${allowZero}`], value)
  return read.ok ? { ok: true, value: durationMs(read.value) } : read
}

/** A whole number from `min` to `max`: a flag's digits, or a configuration file's number. */
export function wholeNumberSetting(
  value: unknown,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): SettingResult<number> {
  const number = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value
  return setting(wholeNumber(min, max), number)
}
