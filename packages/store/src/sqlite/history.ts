import type { PreparedQuery } from '../internal/prepare'
import { type RunRow, runFromRow } from '../internal/rows'
import type { Retention, RunRecord } from '../store'
import type { Sql } from './statements'

/** Inserts a prepared run, linked to its schedule or job by `job_id` (retention is applied by {@link pruneHistory}). */
export function insertRun(sql: Sql, row: RunRow): RunRecord {
  const { lastInsertRowid } = sql(
    `INSERT INTO quantum_job_history (job_id, started_at, completed_at, status, result, error, kind, name,
       due_at, duration_ms, attempt, worker_id, run_id, queue, error_detail, created_at)
     VALUES ((SELECT id FROM quantum_jobs WHERE type = @kind AND name = @name), @started_at, @completed_at,
       @status, @result, @error, @kind, @name, @due_at, @duration_ms, @attempt, @worker_id, @run_id, @queue,
       @error_detail, @created_at)`,
  ).run(row)
  return runFromRow(Number(lastInsertRowid), row)
}

/** The rows a query asks for, newest recorded first. */
export function selectHistory(sql: Sql, query: PreparedQuery): RunRecord[] {
  const { name, kind, statuses, limit, runId, beforeId, afterId } = query
  const where = [
    '(@name IS NULL OR name = @name)',
    '(@kind IS NULL OR kind = @kind)',
    '(@runId IS NULL OR run_id = @runId)',
    '(@beforeId IS NULL OR id < @beforeId)',
    '(@afterId IS NULL OR id > @afterId)',
  ]
  const params: Record<string, unknown> = { name, kind, limit, runId, beforeId, afterId }
  if (statuses) {
    where.push(`status IN (${statuses.map((_, index) => `@status${index}`).join(', ')})`)
    statuses.forEach((status, index) => {
      params[`status${index}`] = status
    })
  }
  const rows = sql(
    `SELECT * FROM quantum_job_history WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT @limit`,
  ).all(params) as (RunRow & { id: number })[]
  return rows.map((row) => runFromRow(row.id, row))
}

/**
 * Deletes the history rows the retention setting no longer keeps, after `rows` were recorded: once per
 * name and once by age for the whole group, which leaves what pruning after each row would have left.
 */
export function pruneHistory(sql: Sql, rows: readonly RunRow[], retention: Retention): void {
  if (rows.length === 0) return
  if (retention.maxPerName !== null) {
    for (const name of new Set(rows.map((row) => row.name))) {
      sql(
        `DELETE FROM quantum_job_history WHERE name = @name AND id <= (
           SELECT id FROM quantum_job_history WHERE name = @name ORDER BY id DESC LIMIT 1 OFFSET @keep)`,
      ).run({ name, keep: retention.maxPerName })
    }
  }
  if (retention.maxAgeMs !== null) {
    let newest = 0
    for (const row of rows) newest = Math.max(newest, Date.parse(row.created_at))
    sql('DELETE FROM quantum_job_history WHERE created_at < ?').run(
      new Date(newest - retention.maxAgeMs).toISOString(),
    )
  }
}
