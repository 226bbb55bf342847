import { ErrorCodes, RuntimeError } from '@quantum/ast'
import type { QueryResult } from '../types'

const WRITE_KEYWORDS = new Set(['INSERT', 'UPDATE', 'DELETE', 'REPLACE', 'MERGE', 'UPSERT'])

/** The first keyword of a statement, upper-cased, after leading blanks and comments. */
export function leadingKeyword(sql: string): string {
  let rest = sql
  for (;;) {
    const trimmed = rest.trimStart()
    if (trimmed.startsWith('--')) {
      const end = trimmed.indexOf('\n')
      rest = end === -1 ? '' : trimmed.slice(end + 1)
    } else if (trimmed.startsWith('/*')) {
      const end = trimmed.indexOf('*/')
      rest = end === -1 ? '' : trimmed.slice(end + 2)
    } else {
      return /^[A-Za-z]+/.exec(trimmed)?.[0]?.toUpperCase() ?? ''
    }
  }
}

/** True for INSERT/UPDATE/DELETE-like statements, which report the rows they changed. */
export function isWrite(sql: string): boolean {
  return WRITE_KEYWORDS.has(leadingKeyword(sql))
}

/** The values for a statement's placeholders, in placeholder order. */
export function placeholderValues(
  names: string[],
  params: Record<string, unknown>,
  datasource: string,
  convert: (value: unknown) => unknown,
): unknown[] {
  return names.map((name) => {
    if (!Object.hasOwn(params, name)) {
      throw new RuntimeError(
        ErrorCodes.RUNTIME_PARAM,
        `Query on '${datasource}' uses :${name} but no value was given for it`,
        { details: { datasource, parameter: name } },
      )
    }
    return convert(params[name])
  })
}

/** True for INSERT/REPLACE, the statements that can report a new row's id. */
export function isInsert(sql: string): boolean {
  const keyword = leadingKeyword(sql)
  return keyword === 'INSERT' || keyword === 'REPLACE'
}

/** `id` of the last row a `RETURNING` clause gave back, or null. */
export function returnedId(rows: Record<string, unknown>[], columns: string[]): number | string | null {
  if (!columns.includes('id')) return null
  return asId(rows.at(-1)?.id)
}

/** An id as a number when it fits, else as text (64-bit keys, UUIDs); null when there is none. */
export function asId(value: unknown): number | string | null {
  if (typeof value === 'number') return value
  if (typeof value === 'bigint' || (typeof value === 'string' && /^-?\d+$/.test(value))) {
    const number = Number(value)
    return Number.isSafeInteger(number) ? number : String(value)
  }
  if (typeof value === 'string') return value
  return null
}

/** At most `maxRows` rows (all when it is not given). */
export function limitRows<T>(rows: T[], maxRows: number | undefined): T[] {
  return maxRows === undefined || rows.length <= maxRows ? rows : rows.slice(0, Math.max(0, maxRows))
}

/** Milliseconds since `start` (a `performance.now()` reading), to two decimals. */
export function elapsedSince(start: number): number {
  return Math.round((performance.now() - start) * 100) / 100
}

/**
 * The result of a statement that returned rows: a query reports no change, a write (`… RETURNING`)
 * counts the rows it returned and reports the last one's `id`.
 */
export function rowsResult(
  sql: string,
  rows: Record<string, unknown>[],
  columns: string[],
  maxRows: number | undefined,
  executionTime: number,
): QueryResult {
  const write = isWrite(sql)
  return {
    rows: limitRows(rows, maxRows),
    columns,
    affectedRows: write ? rows.length : 0,
    lastInsertId: write ? returnedId(rows, columns) : null,
    executionTime,
  }
}
