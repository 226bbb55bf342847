const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
}
const DURATION = /^(-?\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)$/
const WHOLE_SECONDS = /^-?\d+$/

/**
 * The shortest interval a schedule repeats at: 1 s. Each fire is a recorded run; a shorter interval
 * fires faster than fires are recorded and floods the host (`interval="1ms"` logged 600 skipped fires a
 * second at 137 % CPU).
 */
export const MIN_INTERVAL_MS = 1000

/**
 * Why `ms` cannot be a schedule's interval, or undefined when it can. `text` is how it was written
 * (default: `ms` formatted); `minMs` the shortest allowed (default {@link MIN_INTERVAL_MS}).
 */
export function intervalProblem(
  ms: number,
  { text = formatMilliseconds(ms), minMs = MIN_INTERVAL_MS }: { text?: string; minMs?: number } = {},
): string | undefined {
  if (Number.isFinite(ms) && ms >= minMs) return undefined
  return `Interval must be at least ${formatMilliseconds(minMs)}: ${text}`
}

/** The outcome of reading a duration: milliseconds, or why it is not one. */
export type DurationResult = { ok: true; ms: number } | { ok: false; message: string }

/**
 * Read a duration: `250ms 30s 5m 1.5h 1d 1w` (spaces before the unit and any case allowed) or whole
 * seconds (`30`). Upstream semantics, except that zero and negative values are rejected unless
 * `allowZero` is set.
 */
export function parseDuration(input: string, options: { allowZero?: boolean } = {}): DurationResult {
  const text = input.trim().toLowerCase()
  if (text === '') return { ok: false, message: 'Duration string is required' }
  let ms: number
  if (WHOLE_SECONDS.test(text)) {
    ms = Number(text) * 1000
  } else {
    const match = DURATION.exec(text)
    if (!match) {
      return {
        ok: false,
        message: `Invalid duration format: ${text} (expected a number with a unit: 250ms, 30s, 5m, 1.5h, 1d, 1w; or whole seconds)`,
      }
    }
    ms = Math.round(Number(match[1]) * (UNIT_MS[match[2] as string] as number))
  }
  if (ms < 0 || (ms === 0 && !options.allowZero)) {
    return { ok: false, message: `Duration must be positive: ${input.trim()}` }
  }
  return { ok: true, ms }
}

/**
 * Format seconds the way upstream shows trigger info: at most two components, zero seconds dropped
 * (`90` → `1m 30s`, `86400` → `1d`).
 */
export function formatDuration(seconds: number): string {
  const s = Math.floor(seconds)
  if (s < 60) return `${s}s`
  if (s < 3600) return join(Math.floor(s / 60), 'm', s % 60, 's')
  if (s < 86400) return join(Math.floor(s / 3600), 'h', Math.floor((s % 3600) / 60), 'm')
  return join(Math.floor(s / 86400), 'd', Math.floor((s % 86400) / 3600), 'h')
}

/**
 * Milliseconds the way a timeout is written: whole seconds as {@link formatDuration} (`30s`, `1m 30s`),
 * anything else in `ms` (`250ms`, `1500ms`).
 */
export function formatMilliseconds(ms: number): string {
  return ms >= 1000 && ms % 1000 === 0 ? formatDuration(ms / 1000) : `${Math.round(ms)}ms`
}

function join(major: number, majorUnit: string, minor: number, minorUnit: string): string {
  return minor ? `${major}${majorUnit} ${minor}${minorUnit}` : `${major}${majorUnit}`
}
