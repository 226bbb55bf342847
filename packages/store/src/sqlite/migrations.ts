import type Database from 'better-sqlite3'
import { storeError } from '../internal/errors'
import { nowTimestamp } from '../internal/values'

/** One step of the schema; applied once, in order, and recorded in `quantum_store_migrations`. */
export interface Migration {
  version: number
  name: string
  sql: string
}

// Timestamps are TEXT in UTC ISO 8601 with `Z` (they sort as they compare); the proposal's DATETIME
// columns keep their declared type so that tools reading the schema see what the proposal showed.
const NOW = "(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))"

/**
 * The schema. `quantum_jobs` and `quantum_job_history` keep the proposal's names and columns; what
 * they add is appended after them. `name` is unique per `type`, so a schedule and a job may share one.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'schedules and jobs, run history, control, locks and workers',
    sql: `
CREATE TABLE quantum_jobs (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('schedule', 'job')),
  config TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused')),
  last_run DATETIME,
  next_run DATETIME,
  run_count INTEGER NOT NULL DEFAULT 0,
  error_count INTEGER NOT NULL DEFAULT 0,
  created_at DATETIME NOT NULL DEFAULT ${NOW},
  last_error TEXT,
  state TEXT NOT NULL DEFAULT '{}',
  queue TEXT,
  updated_at DATETIME NOT NULL DEFAULT ${NOW},
  UNIQUE (type, name)
);

CREATE TABLE quantum_job_history (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  job_id INTEGER REFERENCES quantum_jobs (id) ON DELETE SET NULL,
  started_at DATETIME,
  completed_at DATETIME,
  status TEXT NOT NULL CHECK (status IN ('success', 'error', 'timeout', 'terminated', 'late', 'missed', 'skipped')),
  result TEXT,
  error TEXT,
  kind TEXT NOT NULL CHECK (kind IN ('schedule', 'job')),
  name TEXT NOT NULL,
  due_at DATETIME,
  duration_ms INTEGER,
  attempt INTEGER NOT NULL DEFAULT 1,
  worker_id TEXT,
  run_id TEXT,
  queue TEXT,
  error_detail TEXT,
  created_at DATETIME NOT NULL DEFAULT ${NOW}
);
CREATE INDEX quantum_job_history_by_name ON quantum_job_history (name, id);
CREATE INDEX quantum_job_history_by_status ON quantum_job_history (status, id);
CREATE INDEX quantum_job_history_by_age ON quantum_job_history (created_at);
CREATE INDEX quantum_job_history_by_job ON quantum_job_history (job_id);

CREATE TABLE quantum_control (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  action TEXT NOT NULL,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  at DATETIME NOT NULL
);

CREATE TABLE quantum_locks (
  key TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  expires_at DATETIME NOT NULL
);
CREATE INDEX quantum_locks_by_expiry ON quantum_locks (expires_at);

CREATE TABLE quantum_workers (
  id TEXT PRIMARY KEY,
  host TEXT NOT NULL,
  pid INTEGER NOT NULL,
  started_at DATETIME NOT NULL,
  details TEXT NOT NULL DEFAULT '{}',
  seen_at DATETIME NOT NULL,
  expires_at DATETIME NOT NULL
);
`,
  },
]

/**
 * Brings the schema to the latest version in one write transaction, so processes opening a new file at
 * once apply each migration exactly once.
 *
 * @throws QuantumError `STORE_ERROR` when the file was migrated by a newer `@quantum/store`
 */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): void {
  db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS quantum_store_migrations (
      version INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      applied_at DATETIME NOT NULL
    )`)
    const { version } = db
      .prepare('SELECT COALESCE(MAX(version), 0) AS version FROM quantum_store_migrations')
      .get() as {
      version: number
    }
    const latest = migrations.at(-1)?.version ?? 0
    if (version > latest) {
      throw storeError(
        `The state database is at schema version ${version}, newer than this @quantum/store knows (${latest}): upgrade @quantum/store`,
        { version, latest },
      )
    }
    const record = db.prepare(
      'INSERT INTO quantum_store_migrations (version, name, applied_at) VALUES (?, ?, ?)',
    )
    for (const migration of migrations) {
      if (migration.version <= version) continue
      db.exec(migration.sql)
      record.run(migration.version, migration.name, nowTimestamp())
    }
  }).immediate()
}
