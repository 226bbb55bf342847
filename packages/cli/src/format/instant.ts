/**
 * Instants as the CLI prints them: ISO 8601 with a zone's offset (`quantum cron next`), and the
 * `YYYY-MM-DD HH:MM:SS` UTC form of upstream's tables.
 */

/** Formats instants as ISO 8601 wall-clock time in `timezone` with its offset at that instant. */
export function isoInZone(timezone: string): (instant: Date) => string {
  const offsets = new Intl.DateTimeFormat('en-US', { timeZone: timezone, timeZoneName: 'longOffset' })
  return (instant) => {
    const name = offsets.formatToParts(instant).find((part) => part.type === 'timeZoneName')?.value ?? ''
    const offset = offsetOf(name)
    const local = new Date(instant.getTime() + offset.seconds * 1000).toISOString()
    // Cron fires fall on whole seconds; other instants keep their milliseconds.
    const time = instant.getUTCMilliseconds() === 0 ? local.slice(0, 19) : local.slice(0, 23)
    return `${time}${offset.text}`
  }
}

/** `GMT-04:00` (or `GMT` for zero, as some ICU versions write it) as seconds east of UTC and `-04:00`. */
function offsetOf(name: string): { seconds: number; text: string } {
  const match = /^GMT([+-])(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(name)
  if (!match) return { seconds: 0, text: '+00:00' }
  const [, sign, hours, minutes, seconds] = match
  const total = Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds ?? 0)
  // Local mean time before 1900 can be off by seconds; ISO 8601 has no place for them, RFC 9557 does.
  return {
    seconds: sign === '-' ? -total : total,
    text: `${sign}${hours}:${minutes}${seconds ? `:${seconds}` : ''}`,
  }
}

/** `2027-03-14 07:00:00`: a stored UTC timestamp as upstream's tables print it, or `-` when there is none. */
export function tableTime(timestamp: string | null): string {
  if (timestamp === null) return '-'
  return new Date(timestamp).toISOString().slice(0, 19).replace('T', ' ')
}
