import type Database from 'better-sqlite3'
import { CLAIMED_COLUMNS } from './rows'

const JOBS = 'quantum_queue_jobs'

/** The jobs a list or count selects: `@queue`, `@status` and `@name` each null or a value to match. */
const MATCHES =
  '(@queue IS NULL OR queue = @queue) AND (@status IS NULL OR status = @status) AND (@name IS NULL OR name = @name)'

/**
 * A pending job that may start now, in the queues asked for (`queues`, JSON) and in a queue nobody
 * paused. The claim is built for what the caller needs: without a queue filter, and without the paused
 * check while no queue is paused, it is a third faster.
 */
function ready(filter: ClaimFilter): string {
  return [
    "status = 'pending' AND run_at <= @now",
    filter.queues && 'queue IN (SELECT value FROM json_each(@queues))',
    filter.paused && 'queue NOT IN (SELECT queue FROM quantum_queue_paused)',
  ]
    .filter(Boolean)
    .join(' AND ')
}

/** Which claim statement: one job or several, only some queues, skipping paused queues. */
export interface ClaimFilter {
  many: boolean
  queues: boolean
  paused: boolean
}

/**
 * The claim: one statement takes up to `limit` ready jobs, highest priority first, oldest first within,
 * and starts their next attempt with a new token. (`id = (…)` for one job is faster than `id IN (…)`.)
 * `started_at` stays empty until the job leaves the processor's hold and starts (`started`): a worker that
 * dies holding jobs it never started has not spent their attempts.
 */
export function claimSql(filter: ClaimFilter): string {
  const pick = `SELECT id FROM ${JOBS} WHERE ${ready(filter)} ORDER BY priority DESC, id LIMIT @limit`
  return `UPDATE ${JOBS}
    SET status = 'running', attempt = attempt + 1, token = token + 1, lease_until = @leaseUntil,
        started_at = NULL, worker = @worker, progress = NULL
    WHERE id ${filter.many ? 'IN' : '='} (${pick})
    RETURNING ${CLAIMED_COLUMNS}`
}

type StatementName =
  | 'insert'
  | 'anyReady'
  | 'anyPaused'
  | 'heartbeat'
  | 'started'
  | 'complete'
  | 'held'
  | 'retryLater'
  | 'failForGood'
  | 'release'
  | 'progress'
  | 'reap'
  | 'get'
  | 'list'
  | 'listNewest'
  | 'count'
  | 'counts'
  | 'allCounts'
  | 'cancel'
  | 'retry'
  | 'remove'
  | 'purge'
  | 'purgeStatus'
  | 'pause'
  | 'resume'
  | 'isPaused'
  | 'paused'

/** Every statement of the embedded queue, prepared once per connection. */
export function prepareStatements(db: Database.Database): Record<StatementName, Database.Statement> {
  const prepare = (sql: string): Database.Statement => db.prepare(sql)
  return {
    insert: prepare(`INSERT INTO ${JOBS}
      (name, queue, params, status, priority, max_attempts, backoff_kind, backoff_ms, timeout_ms, run_at, created_at)
      VALUES (@name, @queue, @params, 'pending', @priority, @attempts, @backoffKind, @backoffMs, @timeoutMs, @runAt, @now)`),
    /** The idle poll's question, read-only: would a claim find anything? */
    anyReady: prepare(`SELECT 1 FROM ${JOBS}
      WHERE status = 'pending' AND run_at <= @now
        AND (@all = 1 OR queue IN (SELECT value FROM json_each(@queues)))
        AND queue NOT IN (SELECT queue FROM quantum_queue_paused)
      LIMIT 1`).pluck() as Database.Statement,
    anyPaused: prepare('SELECT EXISTS (SELECT 1 FROM quantum_queue_paused)').pluck() as Database.Statement,
    heartbeat: prepare(`UPDATE ${JOBS} SET lease_until = @leaseUntil
      WHERE id = @id AND token = @token AND status = 'running'`),
    started: prepare(`UPDATE ${JOBS} SET started_at = @now
      WHERE id = @id AND token = @token AND status = 'running'`),
    complete: prepare(`UPDATE ${JOBS}
      SET status = 'completed', result = @result, completed_at = @now, run_at = NULL, lease_until = NULL, error = NULL
      WHERE id = @id AND token = @token AND status = 'running'`),
    held: prepare(`SELECT * FROM ${JOBS} WHERE id = @id AND token = @token AND status = 'running'`),
    retryLater: prepare(`UPDATE ${JOBS}
      SET status = 'pending', run_at = @runAt, error = @error, lease_until = NULL, worker = NULL
      WHERE id = @id AND token = @token AND status = 'running'`),
    failForGood: prepare(`UPDATE ${JOBS}
      SET status = 'failed', completed_at = @now, run_at = NULL, error = @error, lease_until = NULL, worker = NULL
      WHERE id = @id AND token = @token AND status = 'running'`),
    release: prepare(`UPDATE ${JOBS}
      SET status = 'pending', attempt = attempt - 1, run_at = @now, lease_until = NULL, worker = NULL
      WHERE id = @id AND token = @token AND status = 'running'`),
    progress: prepare(`UPDATE ${JOBS} SET progress = @progress
      WHERE id = @id AND token = @token AND status = 'running'`),
    /**
     * Takes back the jobs whose worker stopped renewing their lease: pending again at once (the next
     * claim counts the next attempt), or failed when that was the last attempt. A job its worker held but
     * never started goes back as it was, its attempt not counted but its lapse counted (`markStarted`, in
     * internal/markedStart.ts). (Every right-hand side reads the row as it was before the update.)
     * `@held`: the ids (a JSON array) this process still runs or records, whose lease ran out only because
     * the store refused its renewals (a full disk).
     */
    reap: prepare(`UPDATE ${JOBS}
      SET status = CASE WHEN started_at IS NULL OR attempt < max_attempts THEN 'pending' ELSE 'failed' END,
          attempt = CASE WHEN started_at IS NULL THEN attempt - 1 ELSE attempt END,
          lapses = CASE WHEN started_at IS NULL THEN lapses + 1 ELSE lapses END,
          run_at = CASE WHEN started_at IS NULL OR attempt < max_attempts THEN @now ELSE NULL END,
          completed_at = CASE WHEN started_at IS NULL OR attempt < max_attempts THEN NULL ELSE @now END,
          lease_until = NULL, worker = NULL,
          error = CASE WHEN started_at IS NULL THEN error ELSE json_object('name', 'QueueError', 'code', 'QUEUE_LEASE_LOST', 'message',
            'Attempt ' || attempt || ' of job ' || id || ' lost its lease: its worker stopped renewing it (it died or froze)') END
      WHERE status = 'running' AND lease_until < @now AND id NOT IN (SELECT value FROM json_each(@held))
      RETURNING *`),
    get: prepare(`SELECT * FROM ${JOBS} WHERE id = ?`),
    list: prepare(
      `SELECT * FROM ${JOBS} WHERE ${MATCHES} ORDER BY priority DESC, id LIMIT @limit OFFSET @offset`,
    ),
    listNewest: prepare(
      `SELECT * FROM ${JOBS} WHERE ${MATCHES} ORDER BY id DESC LIMIT @limit OFFSET @offset`,
    ),
    count: prepare(`SELECT COUNT(*) FROM ${JOBS} WHERE ${MATCHES}`).pluck() as Database.Statement,
    counts: prepare(`SELECT status, COUNT(*) AS count FROM ${JOBS} WHERE queue = ? GROUP BY status`),
    allCounts: prepare(`SELECT queue, status, COUNT(*) AS count FROM ${JOBS} GROUP BY queue, status`),
    cancel: prepare(`UPDATE ${JOBS} SET status = 'cancelled', completed_at = @now, run_at = NULL
      WHERE id = @id AND status = 'pending'`),
    retry: prepare(`UPDATE ${JOBS}
      SET status = 'pending', attempt = 0, run_at = @now, error = NULL, result = NULL, progress = NULL,
          started_at = NULL, completed_at = NULL
      WHERE id = @id AND status IN ('failed', 'cancelled')`),
    remove: prepare(`DELETE FROM ${JOBS} WHERE id = @id AND status != 'running'`),
    purge: prepare(`DELETE FROM ${JOBS} WHERE queue = @queue AND status != 'running'`),
    purgeStatus: prepare(`DELETE FROM ${JOBS} WHERE queue = @queue AND status = @status`),
    pause: prepare('INSERT OR IGNORE INTO quantum_queue_paused (queue, paused_at) VALUES (?, ?)'),
    resume: prepare('DELETE FROM quantum_queue_paused WHERE queue = ?'),
    isPaused: prepare('SELECT 1 FROM quantum_queue_paused WHERE queue = ?').pluck() as Database.Statement,
    paused: prepare('SELECT queue FROM quantum_queue_paused').pluck() as Database.Statement,
  }
}

export type Statements = Record<StatementName, Database.Statement>
