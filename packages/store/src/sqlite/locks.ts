import type { PreparedLock } from '../internal/prepare'
import type { Sql } from './statements'

// Callers run these inside one write transaction: a lock row is only ever read and written there.

/** Takes a free key (clearing every expired hold first); true when taken. */
export function takeLock(sql: Sql, lock: PreparedLock): boolean {
  sql('DELETE FROM quantum_locks WHERE expires_at <= ?').run(lock.now)
  return (
    sql('INSERT OR IGNORE INTO quantum_locks (key, owner, expires_at) VALUES (@key, @owner, @expires)').run(
      lock,
    ).changes === 1
  )
}

/** Renews the owner's live hold; true when it had one. */
export function renewLock(sql: Sql, lock: PreparedLock): boolean {
  return (
    sql(
      'UPDATE quantum_locks SET expires_at = @expires WHERE key = @key AND owner = @owner AND expires_at > @now',
    ).run(lock).changes === 1
  )
}

/** Frees the owner's live hold; true when it had one. */
export function freeLock(sql: Sql, lock: Pick<PreparedLock, 'key' | 'owner' | 'now'>): boolean {
  return (
    sql('DELETE FROM quantum_locks WHERE key = @key AND owner = @owner AND expires_at > @now').run(lock)
      .changes === 1
  )
}
