import type { LogLevel } from '@quantum/ast'
import type { LogEntry, Logger } from './types'

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /** Receives each formatted line (no trailing newline). Defaults to writing to stderr. */
  write?: (line: string) => void
  /** Lines below this level are kept in the ring but not written. Defaults to `debug`. */
  minLevel?: LogLevel
  /** How many recent entries to keep. Defaults to 1000. */
  ringSize?: number
}

/** A logger that also remembers its most recent entries. */
export interface MemoryLogger extends Logger {
  /** The kept entries, oldest first. */
  entries(): LogEntry[]
  /** The kept entries as formatted lines, oldest first. */
  lines(): string[]
}

const LEVEL_RANK: Record<LogLevel, number> = {
  trace: 0,
  debug: 1,
  info: 2,
  warning: 3,
  error: 4,
  critical: 5,
}

/** Formats and writes log lines; logging never throws. */
export function createLogger(options: LoggerOptions = {}): MemoryLogger {
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`))
  const minRank = rank(options.minLevel ?? 'debug')
  const ringSize = Math.max(0, Math.trunc(options.ringSize ?? 1000))
  const ring: LogEntry[] = []
  return {
    log(entry) {
      try {
        if (ringSize > 0) {
          ring.push(entry)
          if (ring.length > ringSize) ring.splice(0, ring.length - ringSize)
        }
        if (rank(entry.level) >= minRank) write(formatLogLine(entry))
      } catch {
        // A failing sink must not turn a log call into a failed run.
      }
    },
    entries: () => [...ring],
    lines: () => ring.map(formatLogLine),
  }
}

/** Every sequence a terminal or a log reader takes for the end of a line. */
const LINE_BREAK = /\r\n|[\n\r\v\f\u0085\u2028\u2029]/g
const CONTINUATION = '\n    '

/**
 * `YYYY-MM-DD HH:MM:SS [LEVEL] message` in UTC, then ` | context=<json>` when there is a context and
 * ` | correlation_id=<id>` when there is one. A line break in the message or the id starts an
 * indented continuation line, so no text can pass for an entry of its own.
 */
export function formatLogLine(entry: LogEntry): string {
  let line = `${formatTime(entry.time)} [${String(entry.level).toUpperCase()}] ${entry.message}`
  if (entry.context !== undefined) line += ` | context=${formatContext(entry.context)}`
  if (entry.correlationId) line += ` | correlation_id=${entry.correlationId}`
  return line.replace(LINE_BREAK, CONTINUATION)
}

function rank(level: LogLevel): number {
  return LEVEL_RANK[level] ?? LEVEL_RANK.info
}

function formatTime(time: Date): string {
  const valid = time instanceof Date && !Number.isNaN(time.getTime())
  const iso = (valid ? time : new Date()).toISOString()
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`
}

function formatContext(context: unknown): string {
  try {
    const json = JSON.stringify(context)
    if (json !== undefined) return json
  } catch {
    // Cycles and BigInts: fall back to the plain string form below.
  }
  try {
    return String(context)
  } catch {
    return Object.prototype.toString.call(context)
  }
}
