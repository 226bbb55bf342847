import { Cron, type CronOptions } from 'croner'

const FIELDS_5 = ['minute', 'hour', 'day of month', 'month', 'day of week'] as const
const FIELDS_6 = ['second', ...FIELDS_5] as const
const ALLOWED: Record<string, string> = {
  second: '0-59',
  minute: '0-59',
  hour: '0-23',
  'day of month': '1-31, L',
  month: '1-12 or JAN-DEC',
  'day of week': '0-7 (0 and 7 are Sunday) or SUN-SAT, with L or #n',
}

/**
 * How every cron expression is read, by the check and by the fire maths alike: 5 or 6 fields (a
 * seventh, croner's year, is refused), standard weekday numbering (0 and 7 are Sunday), and
 * day-of-month OR day-of-week when both are restricted, as Vixie cron does.
 */
const READING: CronOptions = {
  paused: true,
  mode: '5-or-6-parts',
  alternativeWeekdays: false,
  domAndDow: false,
}

/** The outcome of checking a cron expression. */
export type CronResult = { ok: true; fields: number } | { ok: false; message: string; field?: number }

/**
 * Check a cron expression: 5 fields (`minute hour day month weekday`) or 6 with seconds first;
 * standard numbering (0 and 7 are Sunday), names, ranges, steps, lists, `L` and `#`. The maths is
 * croner's, the same library the scheduler fires with.
 */
export function checkCron(expression: string): CronResult {
  const text = expression.trim()
  const parts = text.split(/\s+/)
  if (text === '' || (parts.length !== 5 && parts.length !== 6)) {
    return {
      ok: false,
      message: `Invalid cron expression: ${text} (expected 5 fields "minute hour day month weekday", or 6 with seconds first; got ${text === '' ? 0 : parts.length})`,
    }
  }
  if (compiles(text)) {
    // Valid field by field, yet no date matches (30 February, 31 April): it would never fire.
    if (cronJob(text, 'UTC').nextRun() === null)
      return {
        ok: false,
        message: `Invalid cron expression: ${text} (no date matches it, so it would never fire)`,
      }
    return { ok: true, fields: parts.length }
  }
  const names = parts.length === 6 ? FIELDS_6 : FIELDS_5
  for (let i = 0; i < parts.length; i++) {
    const probe = parts.map((part, k) => (k === i ? part : '*')).join(' ')
    if (!compiles(probe)) {
      const name = names[i] as string
      return {
        ok: false,
        field: i,
        message: `Invalid cron expression: ${text} (${name} field "${parts[i]}" is not valid; allowed: ${ALLOWED[name]}, with * , - /)`,
      }
    }
  }
  return { ok: false, message: `Invalid cron expression: ${text}` }
}

/** A paused croner job for `expression` read in `timezone`; throws when croner refuses it. */
export function cronJob(expression: string, timezone: string): Cron {
  return new Cron(expression.trim(), { ...READING, timezone })
}

function compiles(pattern: string): boolean {
  try {
    cronJob(pattern, 'UTC')
    return true
  } catch {
    return false
  }
}
