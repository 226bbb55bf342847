import { ErrorCodes, RuntimeError } from '@quantum/ast'
import { DEFAULT_LIMITS } from '../../run/limits'
import type { QueryRequest } from '../types'

/** What a number, boolean, date or null counts for: about what its JSON takes. */
const SCALAR_SIZE = 8

/**
 * Counts a result's rows and the size of their values as a driver hands them over, so that a huge
 * result fails before its memory is spent: each string counts its characters and each blob its
 * bytes. Past `maxQueryRows` rows, or `maxValueLength` for one value or for the values together,
 * {@link add} throws `RUNTIME_LIMIT_EXCEEDED` (located at the query by the tag).
 */
export class ResultBudget {
  readonly maxRows: number
  readonly maxLength: number
  private rows = 0
  private size = 0

  constructor(private readonly request: QueryRequest) {
    this.maxRows = request.maxQueryRows ?? DEFAULT_LIMITS.maxQueryRows
    this.maxLength = request.maxValueLength ?? DEFAULT_LIMITS.maxValueLength
  }

  /** Counts one row; throws once the result is over a limit. */
  add(row: Record<string, unknown>): void {
    if (++this.rows > this.maxRows) {
      throw this.exceeded(`returned more than ${this.maxRows} rows (limits.maxQueryRows)`)
    }
    for (const value of Object.values(row)) this.size += this.valueSize(value)
    if (this.size > this.maxLength) {
      throw this.exceeded(
        `returned more than ${this.maxLength} characters and bytes of values (limits.maxValueLength)`,
      )
    }
  }

  /** The error for one value too long for the run: what SQLite reports as `SQLITE_TOOBIG` too. */
  valueTooLong(): RuntimeError {
    return this.exceeded(
      `returned a value of more than ${this.maxLength} characters or bytes (limits.maxValueLength)`,
    )
  }

  private valueSize(value: unknown): number {
    let size = SCALAR_SIZE
    if (typeof value === 'string') size = value.length
    else if (ArrayBuffer.isView(value)) size = value.byteLength
    if (size > this.maxLength) throw this.valueTooLong()
    return size
  }

  private exceeded(what: string): RuntimeError {
    const { datasource } = this.request
    return new RuntimeError(ErrorCodes.RUNTIME_LIMIT_EXCEEDED, `Query on '${datasource}' ${what}`, {
      details: { datasource, maxQueryRows: this.maxRows, maxValueLength: this.maxLength },
    })
  }
}
