import type { PreparedWorker } from '../internal/prepare'
import { type WorkerRow, workerFromRow } from '../internal/rows'
import type { WorkerRecord } from '../store'
import type { Sql } from './statements'

/** Records a heartbeat and forgets workers whose last one expired. */
export function beat(sql: Sql, row: PreparedWorker): void {
  sql('DELETE FROM quantum_workers WHERE expires_at <= ?').run(row.seen_at)
  sql(
    `INSERT INTO quantum_workers (id, host, pid, started_at, details, seen_at, expires_at)
     VALUES (@id, @host, @pid, @started_at, @details, @seen_at, @expires_at)
     ON CONFLICT (id) DO UPDATE SET host = excluded.host, pid = excluded.pid, started_at = excluded.started_at,
       details = excluded.details, seen_at = excluded.seen_at, expires_at = excluded.expires_at`,
  ).run(row)
}

/** Workers whose heartbeat has not expired at `now`, by id. */
export function liveWorkers(sql: Sql, now: string): WorkerRecord[] {
  const rows = sql('SELECT * FROM quantum_workers WHERE expires_at > ? ORDER BY id').all(now) as WorkerRow[]
  return rows.map(workerFromRow)
}
