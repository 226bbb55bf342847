import { join } from 'node:path'
import Database from 'better-sqlite3'

/** What the effects tables show. */
export interface Effects {
  path: string
  count(): number
  keys(): string[]
  doubledAttempts(): unknown[]
  pids(): number[]
  close(): void
}

/** The tables the `effects` workers write to: one row per job effect (by key), one per run. */
export function createEffects(dir: string): Effects {
  const path = join(dir, 'effects.db')
  const db = new Database(path)
  db.pragma('journal_mode = WAL')
  db.exec(`CREATE TABLE effects (key TEXT PRIMARY KEY, pid INTEGER NOT NULL);
    CREATE TABLE runs (job TEXT NOT NULL, attempt INTEGER NOT NULL, pid INTEGER NOT NULL)`)
  return {
    path,
    count: () => (db.prepare('SELECT COUNT(*) FROM effects').pluck().get() as number) ?? 0,
    keys: () => db.prepare('SELECT key FROM effects ORDER BY key').pluck().all() as string[],
    /** Attempts run by more than one process (or twice by one). */
    doubledAttempts: () =>
      db.prepare('SELECT job, attempt, COUNT(*) AS n FROM runs GROUP BY job, attempt HAVING n > 1').all(),
    pids: () => db.prepare('SELECT DISTINCT pid FROM effects').pluck().all() as number[],
    close: () => db.close(),
  }
}
