import { type DataType, ErrorCodes, RuntimeError } from '@quantum/ast'

/** Where in a source something went wrong (1-based); each part is left out when unknown. */
export interface SourcePoint {
  line?: number
  column?: number
}

/**
 * `RUNTIME_DATA_FORMAT`: the text of `source` is not `format` (`CSV`, `JSON`, `XML`) at `point`:
 * `Malformed CSV in 'users.csv' at line 3, column 6: …`.
 */
export function malformed(format: string, source: string, point: SourcePoint, reason: string): RuntimeError {
  const at =
    point.line === undefined
      ? ''
      : point.column === undefined
        ? ` at line ${point.line}`
        : ` at line ${point.line}, column ${point.column}`
  return new RuntimeError(
    ErrorCodes.RUNTIME_DATA_FORMAT,
    `Malformed ${format} in '${source}'${at}: ${reason}`,
    {
      details: { source, format, ...point },
    },
  )
}

/** Which value of which record did not convert. */
export interface ValueSite {
  source: string
  /** The record's number, 1 for the first (a CSV header row is not a record). */
  row: number
  /** Where the record starts in the source, when known. */
  line?: number
  /** The column (CSV) or field (XML) name. */
  column: string
  expected: DataType
}

/**
 * `RUNTIME_TYPE_ERROR`: `'users.csv' row 4 (line 5), column 'age': Cannot convert 'abc' to integer`.
 */
export function unconvertible(site: ValueSite, reason: string): RuntimeError {
  const line = site.line === undefined ? '' : ` (line ${site.line})`
  return new RuntimeError(
    ErrorCodes.RUNTIME_TYPE_ERROR,
    `'${site.source}' row ${site.row}${line}, column '${site.column}': ${reason}`,
    { details: { ...site } },
  )
}
