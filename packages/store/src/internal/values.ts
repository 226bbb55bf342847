import type { Timestamp } from '../store'
import { storeError } from './errors'

/** `value` as UTC ISO 8601 with `Z` and milliseconds. */
export function toTimestamp(value: Timestamp, field: string): string {
  if (typeof value === 'string' && isCanonical(value)) return value
  const date = typeof value === 'string' ? parseIso(value.trim()) : value
  const time = date instanceof Date ? date.getTime() : Number.NaN
  if (!Number.isFinite(time)) throw badTimestamp(value, field)
  return (date as Date).toISOString()
}

/**
 * Whether `text` is already what `toISOString` writes (as every time the queue and scheduler record is):
 * taken as it is, without the strict parse. A date that rolled over (`02-30`) reads back different.
 */
function isCanonical(text: string): boolean {
  const time = Date.parse(text)
  return Number.isFinite(time) && new Date(time).toISOString() === text
}

/** {@link toTimestamp}, keeping null. */
export function toOptionalTimestamp(value: Timestamp | null | undefined, field: string): string | null {
  return value === null || value === undefined ? null : toTimestamp(value, field)
}

// A date, optionally a time, and an offset or Z whenever there is a time: never local time.
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2}))?$/i

/** An ISO 8601 instant, or undefined; Date.parse alone would roll `02-30` over into March. */
function parseIso(text: string): Date | undefined {
  const match = ISO.exec(text)
  if (!match) return undefined
  const [year, month, day, hour = 0, minute = 0, second = 0] = match.slice(1).map((part) => Number(part ?? 0))
  const calendar = new Date(Date.UTC(year!, month! - 1, day!))
  if (calendar.getUTCMonth() !== month! - 1 || calendar.getUTCDate() !== day) return undefined
  if (hour > 23 || minute > 59 || second > 59) return undefined
  return new Date(text)
}

function badTimestamp(value: unknown, field: string) {
  return storeError(`Invalid ${field}: ${String(value)} (expected an ISO 8601 instant with Z or an offset)`, {
    field,
  })
}

/** The current instant as the store writes it. */
export function nowTimestamp(): string {
  return new Date().toISOString()
}

/** `value` as JSON text; refuses what JSON cannot carry (cycles, BigInt). */
export function toJson(value: unknown, field: string): string {
  try {
    return JSON.stringify(value) ?? 'null'
  } catch (error) {
    throw storeError(
      `Cannot store ${field}: it is not JSON-safe (${(error as Error).message})`,
      { field },
      error,
    )
  }
}

/** JSON text read back from the store. */
export function fromJson<T>(text: string, field: string): T {
  try {
    return JSON.parse(text) as T
  } catch (error) {
    throw storeError(
      `Cannot read ${field} back from the store: ${(error as Error).message}`,
      { field },
      error,
    )
  }
}

/** A schedule, job, worker or lock name: a non-empty string. */
export function checkName(value: unknown, field = 'name'): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw storeError(`Invalid ${field}: expected a non-empty string, got ${JSON.stringify(value)}`, { field })
  }
  return value
}

/** A positive whole number of milliseconds (lock and heartbeat TTLs). */
export function checkTtl(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    throw storeError(`Invalid TTL: expected a positive whole number of milliseconds, got ${String(value)}`, {
      field: 'ttlMs',
    })
  }
  return value
}

/** A whole number of at least `min`. */
export function checkCount(value: unknown, field: string, min: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw storeError(`Invalid ${field}: expected a whole number of at least ${min}, got ${String(value)}`, {
      field,
    })
  }
  return value
}

/** A plain object (variables, snapshots, details). */
export function checkObject(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw storeError(`Invalid ${field}: expected an object`, { field })
  }
  return value as Record<string, unknown>
}
