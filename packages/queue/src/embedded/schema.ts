import type Database from 'better-sqlite3'
import { queueError } from '../internal/errors'

/**
 * The embedded queue's tables, in the state database `quantum.db` next to the store's. Every name starts
 * with `quantum_queue_`, and the queue keeps its own migration table, so neither package's migrations
 * touch the other's. Instants are epoch milliseconds (claims compare them on every pick-up). No index
 * holds `status` but the partial ones: every claim and completion changes it, and an index on it
 * halved the claim rate.
 */
const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'jobs and paused queues',
    sql: `
CREATE TABLE quantum_queue_jobs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  queue TEXT NOT NULL,
  params TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'running', 'completed', 'failed', 'cancelled')),
  priority INTEGER NOT NULL,
  attempt INTEGER NOT NULL DEFAULT 0,
  max_attempts INTEGER NOT NULL,
  backoff_kind TEXT NOT NULL,
  backoff_ms INTEGER NOT NULL,
  timeout_ms INTEGER,
  run_at INTEGER,
  token INTEGER NOT NULL DEFAULT 0,
  lease_until INTEGER,
  worker TEXT,
  created_at INTEGER NOT NULL,
  started_at INTEGER,
  completed_at INTEGER,
  error TEXT,
  result TEXT,
  progress TEXT
);
CREATE INDEX quantum_queue_ready ON quantum_queue_jobs (priority DESC, id) WHERE status = 'pending';
CREATE INDEX quantum_queue_leases ON quantum_queue_jobs (lease_until) WHERE status = 'running';
CREATE INDEX quantum_queue_by_queue ON quantum_queue_jobs (queue);

CREATE TABLE quantum_queue_paused (
  queue TEXT PRIMARY KEY,
  paused_at INTEGER NOT NULL
);
`,
  },
  {
    version: 2,
    name: 'lapses of never-started attempts',
    // How often a lease on the job lapsed before its start was recorded (`markStarted`, internal/markedStart.ts).
    sql: 'ALTER TABLE quantum_queue_jobs ADD COLUMN lapses INTEGER NOT NULL DEFAULT 0;',
  },
]

/** Brings the queue's tables to the latest version in one write transaction (safe across processes). */
export function migrate(db: Database.Database): void {
  db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS quantum_queue_migrations (
      version INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      applied_at INTEGER NOT NULL
    )`)
    const { version } = db
      .prepare('SELECT COALESCE(MAX(version), 0) AS version FROM quantum_queue_migrations')
      .get() as { version: number }
    const latest = MIGRATIONS.at(-1)?.version ?? 0
    if (version > latest)
      throw queueError(
        `The state database's queue tables are at version ${version}, newer than this @quantum/queue knows (${latest}): upgrade @quantum/queue`,
      )
    const record = db.prepare(
      'INSERT INTO quantum_queue_migrations (version, name, applied_at) VALUES (?, ?, ?)',
    )
    for (const migration of MIGRATIONS) {
      if (migration.version <= version) continue
      db.exec(migration.sql)
      record.run(migration.version, migration.name, Date.now())
    }
  }).immediate()
}
