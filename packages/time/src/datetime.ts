const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?$/

/** A checked `at` value: its parts as written, and whether it carries an offset. */
export interface LocalDateTime {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
  millisecond: number
  /** Minutes east of UTC, when the text has `Z` or `±HH:MM`; otherwise the schedule's timezone applies. */
  offsetMinutes?: number
}

export type DateTimeResult = { ok: true; value: LocalDateTime } | { ok: false; message: string }

/**
 * Read an ISO 8601 date-time as `q:schedule at=` takes it: `YYYY-MM-DD`,
 * `YYYY-MM-DDTHH:MM[:SS[.fff]]`, with an optional `Z` or `±HH:MM` offset.
 */
export function parseDateTime(input: string): DateTimeResult {
  const text = input.trim()
  const match = ISO.exec(text)
  const fail = {
    ok: false,
    message: `Invalid datetime format: ${text}. Use ISO 8601 (e.g. 2030-01-01T08:00:00 or 2030-01-01T08:00:00-03:00)`,
  } as const
  if (!match) return fail
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = match
  const value: LocalDateTime = {
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: Number(h),
    minute: Number(mi),
    second: Number(s),
    millisecond: Math.floor(Number(`0.${frac || '0'}`) * 1000),
  }
  const daysInMonth = new Date(Date.UTC(value.year, value.month, 0)).getUTCDate()
  if (value.month < 1 || value.month > 12 || value.day < 1 || value.day > daysInMonth) return fail
  if (value.hour > 23 || value.minute > 59 || value.second > 59) return fail
  if (zone) {
    const offset = parseOffset(zone)
    if (offset === undefined) return fail
    value.offsetMinutes = offset
  }
  return { ok: true, value }
}

function parseOffset(zone: string): number | undefined {
  if (zone === 'Z' || zone === 'z') return 0
  const sign = zone.startsWith('-') ? -1 : 1
  const digits = zone.slice(1).replace(':', '')
  const hours = Number(digits.slice(0, 2))
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0
  if (hours > 23 || minutes > 59) return undefined
  return sign * (hours * 60 + minutes)
}
