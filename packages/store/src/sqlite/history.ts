import type { PreparedQuery } from '../internal/prepare'
import { type RunRow, runFromRow } from '../internal/rows'
import type { Retention, RunRecord } from '../store'
import type { Sql } from './statements'

/** Inserts a prepared run, linked to its schedule or job by `job_id`, then applies retention. */
export function insertRun(sql: Sql, row: RunRow, retention: Retention): RunRecord {
  const { lastInsertRowid } = sql(
    `INSERT INTO quantum_job_history (job_id, started_at, completed_at, status, result, error, kind, name,
       due_at, duration_ms, attempt, worker_id, run_id, queue, error_detail, created_at)
     VALUES ((SELECT id FROM quantum_jobs WHERE type = @kind AND name = @name), @started_at, @completed_at,
       @status, @result, @error, @kind, @name, @due_at, @duration_ms, @attempt, @worker_id, @run_id, @queue,
       @error_detail, @created_at)`,
  ).run(row)
  pruneHistory(sql, row, retention)
  return runFromRow(Number(lastInsertRowid), row)
}

/** The rows a query asks for, newest recorded first. */
export function selectHistory(sql: Sql, query: PreparedQuery): RunRecord[] {
  const { name, kind, statuses, limit } = query
  const where = ['(@name IS NULL OR name = @name)', '(@kind IS NULL OR kind = @kind)']
  const params: Record<string, unknown> = { name, kind, limit }
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

/** Deletes the history rows the retention setting no longer keeps, after `row` was recorded. */
function pruneHistory(sql: Sql, row: RunRow, retention: Retention): void {
  if (retention.maxPerName !== null) {
    sql(
      `DELETE FROM quantum_job_history WHERE name = @name AND id <= (
         SELECT id FROM quantum_job_history WHERE name = @name ORDER BY id DESC LIMIT 1 OFFSET @keep)`,
    ).run({ name: row.name, keep: retention.maxPerName })
  }
  if (retention.maxAgeMs !== null) {
    const cutoff = new Date(Date.parse(row.created_at) - retention.maxAgeMs).toISOString()
    sql('DELETE FROM quantum_job_history WHERE created_at < ?').run(cutoff)
  }
}
