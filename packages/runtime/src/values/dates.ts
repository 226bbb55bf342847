/** A Date from a Date, an ISO 8601 string or epoch milliseconds; undefined otherwise. */
export function toDate(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value
  if (typeof value === 'number') {
    const date = new Date(value)
    return Number.isNaN(date.getTime()) ? undefined : date
  }
  if (typeof value === 'string' && value.trim() !== '') {
    // A date without a time is a local calendar day (JavaScript would read it as UTC midnight).
    const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim())
    if (day) return new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3]))
    const date = new Date(value.trim())
    return Number.isNaN(date.getTime()) ? undefined : date
  }
  return undefined
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

/** `YYYY-MM-DDTHH:MM:SS` in local time: how a date renders in text (upstream `now()`). */
export function isoLocal(date: Date): string {
  return formatDate(date, "yyyy-MM-dd'T'HH:mm:ss")
}

const TOKENS = /'[^']*'|yyyy|yy|MMMM|MMM|MM|M|dd|d|HH|H|hh|h|mm|m|ss|s|SSS|a|EEEE|EEE/g
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']

/**
 * Format a date with a mask: `yyyy yy MMMM MMM MM M dd d HH H hh h mm m ss s SSS a EEEE EEE`, text in
 * single quotes kept as is. Local time.
 */
export function formatDate(date: Date, mask: string): string {
  return mask.replace(TOKENS, (token) => {
    const hours = date.getHours()
    switch (token) {
      case 'yyyy':
        return pad(date.getFullYear(), 4)
      case 'yy':
        return pad(date.getFullYear() % 100)
      case 'MMMM':
        return MONTHS[date.getMonth()] as string
      case 'MMM':
        return (MONTHS[date.getMonth()] as string).slice(0, 3)
      case 'MM':
        return pad(date.getMonth() + 1)
      case 'M':
        return String(date.getMonth() + 1)
      case 'dd':
        return pad(date.getDate())
      case 'd':
        return String(date.getDate())
      case 'HH':
        return pad(hours)
      case 'H':
        return String(hours)
      case 'hh':
        return pad(hours % 12 || 12)
      case 'h':
        return String(hours % 12 || 12)
      case 'mm':
        return pad(date.getMinutes())
      case 'm':
        return String(date.getMinutes())
      case 'ss':
        return pad(date.getSeconds())
      case 's':
        return String(date.getSeconds())
      case 'SSS':
        return pad(date.getMilliseconds(), 3)
      case 'a':
        return hours < 12 ? 'AM' : 'PM'
      case 'EEEE':
        return DAYS[date.getDay()] as string
      case 'EEE':
        return (DAYS[date.getDay()] as string).slice(0, 3)
      default:
        return token.slice(1, -1)
    }
  })
}

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  n: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
}
const UNIT_ALIASES: Record<string, string> = {
  millisecond: 'ms',
  milliseconds: 'ms',
  second: 's',
  seconds: 's',
  mi: 'n',
  minute: 'n',
  minutes: 'n',
  hour: 'h',
  hours: 'h',
  day: 'd',
  days: 'd',
  ww: 'w',
  week: 'w',
  weeks: 'w',
  m: 'm',
  month: 'm',
  months: 'm',
  q: 'q',
  quarter: 'q',
  y: 'yyyy',
  year: 'yyyy',
  years: 'yyyy',
}

/** The unit names `dateAdd` accepts (ColdFusion's and words). */
export const DATE_UNITS =
  'ms, s, n (minute), h, d, w, m (month), q, yyyy, or second, minute, hour, day, week, month, year'

/** `dateAdd(unit, n, date)`: calendar units move the calendar date (month ends clamp), others add time. */
export function dateAdd(unit: string, amount: number, date: Date): Date | undefined {
  const key = UNIT_ALIASES[unit.toLowerCase()] ?? unit.toLowerCase()
  const fixed = UNIT_MS[key]
  if (fixed !== undefined) return new Date(date.getTime() + amount * fixed)
  const months = key === 'm' ? amount : key === 'q' ? amount * 3 : key === 'yyyy' ? amount * 12 : undefined
  if (months === undefined) return undefined
  const result = new Date(date.getTime())
  const day = result.getDate()
  result.setDate(1)
  result.setMonth(result.getMonth() + months)
  const last = new Date(result.getFullYear(), result.getMonth() + 1, 0).getDate()
  result.setDate(Math.min(day, last))
  return result
}
