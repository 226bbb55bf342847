import type { ErrorCode } from './codes'
import type { Position } from './position'

const BRAND = Symbol.for('quantum.error')

/** The names of the error classes, used to rebuild an error after it crossed a thread or Redis. */
export type QuantumErrorName =
  | 'QuantumError'
  | 'ParseError'
  | 'ValidationError'
  | 'RuntimeError'
  | 'ScheduleError'
  | 'ThreadError'
  | 'QueueError'
  | 'CliError'

/** Options shared by every error constructor. */
export interface QuantumErrorOptions {
  position?: Position
  file?: string
  cause?: unknown
  /** Problems gathered into one error (a document validated whole). */
  errors?: QuantumError[]
  /** Small JSON-safe extra facts (the offending value, the allowed set…). */
  details?: Record<string, unknown>
}

/** The JSON form of an error: what crosses a worker thread, a Redis payload or the store. */
export interface SerializedError {
  name: QuantumErrorName
  code: ErrorCode
  message: string
  position?: Position
  file?: string
  details?: Record<string, unknown>
  errors?: SerializedError[]
  cause?: { name: string; message: string; code?: string }
}

/**
 * Base of every error Quantum raises: a stable `code`, a message that says what and why, and where
 * (`file`, `position`) when it comes from source.
 */
export class QuantumError extends Error {
  readonly code: ErrorCode
  position?: Position
  file?: string
  readonly errors?: QuantumError[]
  readonly details?: Record<string, unknown>

  constructor(code: ErrorCode, message: string, options: QuantumErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = new.target.name
    this.code = code
    if (options.position) this.position = options.position
    if (options.file !== undefined) this.file = options.file
    if (options.errors) this.errors = options.errors
    if (options.details) this.details = options.details
    Object.defineProperty(this, BRAND, { value: true })
  }

  /** True for any Quantum error, including one from another copy of this package. */
  static is(value: unknown): value is QuantumError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true
  }

  /** `file:line:col` (parts that are unknown are left out). */
  get location(): string {
    const where = this.position ? `${this.position.start.line}:${this.position.start.column}` : ''
    if (this.file && where) return `${this.file}:${where}`
    return this.file ?? where
  }

  toJSON(): SerializedError {
    const json: SerializedError = {
      name: this.name as QuantumErrorName,
      code: this.code,
      message: this.message,
    }
    if (this.position) json.position = this.position
    if (this.file !== undefined) json.file = this.file
    if (this.details) json.details = this.details
    if (this.errors) json.errors = this.errors.map((error) => error.toJSON())
    if (this.cause !== undefined) json.cause = serializeCause(this.cause)
    return json
  }

  /** Rebuild an error (with its class) from `toJSON()` output. */
  static fromJSON(json: SerializedError): QuantumError {
    const Class = ERROR_CLASSES[json.name] ?? QuantumError
    const options: QuantumErrorOptions = {}
    if (json.position) options.position = json.position
    if (json.file !== undefined) options.file = json.file
    if (json.details) options.details = json.details
    if (json.errors) options.errors = json.errors.map((error) => QuantumError.fromJSON(error))
    if (json.cause) options.cause = Object.assign(new Error(json.cause.message), json.cause)
    return new Class(json.code, json.message, options)
  }
}

/** The source could not be read as a Quantum document (XML or expression syntax). */
export class ParseError extends QuantumError {}

/** The document is well-formed but breaks a rule of the language (attributes, nesting, values). */
export class ValidationError extends QuantumError {}

/** A failure while a body runs. */
export class RuntimeError extends QuantumError {}

/** A failure of `q:schedule` or the scheduler. */
export class ScheduleError extends QuantumError {}

/** A failure of `q:thread` or the thread pool. */
export class ThreadError extends QuantumError {}

/** A failure of `q:job` or a queue adapter. */
export class QueueError extends QuantumError {}

/** A failure of the `quantum` command itself: a file, the configuration or the state folder. */
export class CliError extends QuantumError {}

const ERROR_CLASSES: Record<QuantumErrorName, typeof QuantumError> = {
  QuantumError,
  ParseError,
  ValidationError,
  RuntimeError,
  ScheduleError,
  ThreadError,
  QueueError,
  CliError,
}

function serializeCause(cause: unknown): SerializedError['cause'] {
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code
    return typeof code === 'string'
      ? { name: cause.name, message: cause.message, code }
      : { name: cause.name, message: cause.message }
  }
  return { name: 'Error', message: String(cause) }
}
