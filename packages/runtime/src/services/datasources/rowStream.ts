import type { ResultBudget } from './resultBudget'

/** A row as the drivers give it. */
export type Row = Record<string, unknown>

/**
 * The rows of a statement whose driver hands them over as events (`pg`, `mysql2`), kept while they
 * fit a {@link ResultBudget}. The first row past it stops the statement and rejects with the
 * budget's error; after that, and after a driver error, further rows are ignored.
 */
export class RowStream {
  rows: Row[] = []
  failed = false

  constructor(
    private readonly budget: ResultBudget,
    private readonly stop: () => void,
    private readonly reject: (error: unknown) => void,
  ) {}

  /** Keeps `row`, or stops the statement when it does not fit. */
  take(row: Row): void {
    if (this.failed) return
    try {
      this.budget.add(row)
      this.rows.push(row)
    } catch (error) {
      this.fail(error)
      this.stop()
    }
  }

  /** Rejects with `error` (once). */
  fail(error: unknown): void {
    if (this.failed) return
    this.failed = true
    this.reject(error)
  }
}
