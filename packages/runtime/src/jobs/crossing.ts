import { QuantumError, type SerializedError } from '@quantum/ast'
import type { LogEntry } from '../services/types'
import { toJson } from '../values/render'

/** What a body in a worker thread sends back: values, log entries and errors, as plain JSON data. */

/** `value` as JSON-safe data, the way the runtime renders values (dates as local ISO, query results as rows). */
export function jsonSafe(value: unknown): unknown {
  return JSON.parse(toJson(value))
}

/** A log entry whose context is JSON-safe, to post to another thread. */
export function portableLogEntry(entry: LogEntry): LogEntry {
  return entry.context === undefined ? entry : { ...entry, context: jsonSafe(entry.context) }
}

/**
 * A coded error's JSON form; anything else thrown becomes the error `wrap` makes of its message (the
 * caller's own code: `SCHEDULE_ERROR`, `THREAD_ERROR`…).
 */
export function serializeError(error: unknown, wrap: (message: string) => QuantumError): SerializedError {
  if (QuantumError.is(error)) return error.toJSON()
  return wrap(error instanceof Error ? error.message : String(error)).toJSON()
}
