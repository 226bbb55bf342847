const known = new Map<string, boolean>()

/** True when `zone` is an IANA timezone name (or `UTC`) this Node.js knows. */
export function isTimeZone(zone: string): boolean {
  let ok = known.get(zone)
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone })
      ok = zone.trim() !== ''
    } catch {
      ok = false
    }
    known.set(zone, ok)
  }
  return ok
}

/** Upstream's message for an unknown zone. */
export function unknownTimeZoneMessage(zone: string): string {
  return `No time zone found with key ${zone} (expected an IANA name such as UTC, Europe/Lisbon, America/Sao_Paulo)`
}
