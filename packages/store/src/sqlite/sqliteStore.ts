import type Database from 'better-sqlite3'
import type { JobDefinition, ScheduleDefinition } from '../definitions'
import { asStoreError, storeUnavailable } from '../internal/errors'
import { Listeners } from '../internal/listeners'
import {
  prepareChange,
  prepareJob,
  prepareLock,
  prepareQuery,
  prepareRun,
  prepareSchedule,
  prepareStatusFilter,
  prepareWorker,
} from '../internal/prepare'
import type { JobRow, RunRow, ScheduleRow } from '../internal/rows'
import { jobFromRow, scheduleFromRow } from '../internal/rows'
import { RunFeed } from '../internal/runFeed'
import { checkName, nowTimestamp } from '../internal/values'
import type {
  ControlAction,
  ControlListener,
  HistoryQuery,
  JobRecord,
  NewRun,
  RegisterScheduleOptions,
  Retention,
  RunKind,
  RunListener,
  RunRecord,
  ScheduleChange,
  ScheduleRecord,
  ScheduleStatus,
  Store,
  WorkerInfo,
  WorkerRecord,
} from '../store'
import { ControlPoller } from './controlPoller'
import { selectHistory } from './history'
import { freeLock, renewLock, takeLock } from './locks'
import { RunBatch } from './runBatch'
import type { StateDatabase } from './stateDatabase'
import { inspectStateFile } from './stateFile'
import { type Sql, statementCache } from './statements'
import { beat, liveWorkers } from './workers'

/** The SQLite store over one open connection; see `openSqliteStore`. */
export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const
  readonly location: string
  readonly #db: Database.Database
  readonly #retention: Retention
  readonly #listeners: Listeners
  readonly #poller: ControlPoller
  readonly #runFeed: RunFeed
  readonly #pollMs: number
  #runTimer: NodeJS.Timeout | undefined
  readonly #sql: Sql
  readonly #runs: RunBatch
  readonly #state: StateDatabase
  #closed = false

  constructor(
    state: StateDatabase,
    options: { retention: Retention; onError: (error: Error) => void; pollMs: number },
  ) {
    const db = state.db
    this.#state = state
    this.#db = db
    this.location = db.name
    this.#retention = options.retention
    this.#listeners = new Listeners(options.onError)
    this.#sql = statementCache(db)
    this.#runs = new RunBatch(state.turn, this.#sql, this.#retention, (error) =>
      asStoreError(error, 'recordRun', this.location),
    )
    this.#poller = new ControlPoller(db, options.pollMs, this.#listeners, options.onError)
    this.#pollMs = options.pollMs
    this.#runFeed = new RunFeed((afterId, limit) => this.history({ afterId, limit }), options.onError)
  }

  async registerSchedule(
    definition: ScheduleDefinition,
    options: RegisterScheduleOptions,
  ): Promise<ScheduleRecord> {
    return this.#write('registerSchedule', () => {
      const schedule = prepareSchedule(definition, options)
      const now = nowTimestamp()
      const old = this.#sql(
        `SELECT id, status, json_extract(config, '$.enabled') AS enabled FROM quantum_jobs
           WHERE type = 'schedule' AND name = ?`,
      ).get(schedule.name) as { id: number; status: ScheduleStatus; enabled: number } | undefined
      const status =
        !old || Boolean(old.enabled) !== schedule.enabled ? statusOf(schedule.enabled) : old.status
      if (old) {
        this.#sql(
          'UPDATE quantum_jobs SET config = ?, status = ?, next_run = ?, updated_at = ? WHERE id = ?',
        ).run(schedule.config, status, schedule.nextRun, now, old.id)
      } else {
        this.#sql(
          `INSERT INTO quantum_jobs (name, type, config, status, next_run, state, created_at, updated_at)
             VALUES (?, 'schedule', ?, ?, ?, ?, ?, ?)`,
        ).run(schedule.name, schedule.config, status, schedule.nextRun, schedule.state, now, now)
      }
      this.#control('register', 'schedule', schedule.name, now)
      return scheduleFromRow(this.#scheduleRow(schedule.name)!)
    })
  }

  async getSchedule(name: string): Promise<ScheduleRecord | undefined> {
    return this.#read('getSchedule', () => {
      const row = this.#scheduleRow(checkName(name))
      return row && scheduleFromRow(row)
    })
  }

  async listSchedules(options?: { status?: ScheduleStatus }): Promise<ScheduleRecord[]> {
    return this.#read('listSchedules', () => {
      const status = prepareStatusFilter(options)
      const rows = this.#sql(
        `SELECT * FROM quantum_jobs WHERE type = 'schedule' AND (@status IS NULL OR status = @status)
           ORDER BY name`,
      ).all({ status }) as ScheduleRow[]
      return rows.map(scheduleFromRow)
    })
  }

  async updateSchedule(name: string, change: ScheduleChange): Promise<ScheduleRecord | undefined> {
    return this.#write('updateSchedule', () => {
      checkName(name)
      const { set, addRuns, addErrors } = prepareChange(change)
      // Column names come from PreparedChange's fixed keys, never from the caller.
      const columns = Object.keys(set).map((column) => `${column} = @${column}`)
      const { changes } = this.#sql(
        `UPDATE quantum_jobs SET ${[...columns, 'run_count = run_count + @addRuns', 'error_count = error_count + @addErrors', 'updated_at = @now'].join(', ')}
           WHERE type = 'schedule' AND name = @name`,
      ).run({ ...set, addRuns, addErrors, now: nowTimestamp(), name })
      return changes === 0 ? undefined : scheduleFromRow(this.#scheduleRow(name)!)
    })
  }

  async pauseSchedule(name: string): Promise<boolean> {
    return this.#setStatus('pause', name, 'paused')
  }

  async resumeSchedule(name: string): Promise<boolean> {
    return this.#setStatus('resume', name, 'active')
  }

  async deleteSchedule(name: string): Promise<boolean> {
    return this.#write('deleteSchedule', () => this.#remove('schedule', checkName(name)))
  }

  async runScheduleNow(name: string): Promise<boolean> {
    return this.#write('runScheduleNow', () => {
      if (!this.#scheduleRow(checkName(name))) return false
      this.#control('run', 'schedule', name, nowTimestamp())
      return true
    })
  }

  async defineJob(definition: JobDefinition): Promise<JobRecord> {
    return this.#write('defineJob', () => {
      const job = prepareJob(definition)
      const now = nowTimestamp()
      this.#sql(
        `INSERT INTO quantum_jobs (name, type, config, queue, created_at, updated_at)
           VALUES (@name, 'job', @config, @queue, @now, @now)
           ON CONFLICT (type, name) DO UPDATE SET config = excluded.config, queue = excluded.queue,
             updated_at = excluded.updated_at`,
      ).run({ ...job, now })
      this.#control('register', 'job', job.name, now)
      return jobFromRow(this.#jobRow(job.name)!)
    })
  }

  async getJob(name: string): Promise<JobRecord | undefined> {
    return this.#read('getJob', () => {
      const row = this.#jobRow(checkName(name))
      return row && jobFromRow(row)
    })
  }

  async listJobs(options: { queue?: string } = {}): Promise<JobRecord[]> {
    return this.#read('listJobs', () => {
      const queue = options.queue === undefined ? null : checkName(options.queue, 'queue')
      const rows = this.#sql(
        `SELECT * FROM quantum_jobs WHERE type = 'job' AND (@queue IS NULL OR queue = @queue) ORDER BY name`,
      ).all({ queue }) as JobRow[]
      return rows.map(jobFromRow)
    })
  }

  async deleteJob(name: string): Promise<boolean> {
    return this.#write('deleteJob', () => this.#remove('job', checkName(name)))
  }

  recordRun(run: NewRun): Promise<RunRecord> {
    let row: RunRow
    try {
      this.#assertOpen('recordRun')
      row = prepareRun(run)
    } catch (error) {
      return Promise.reject(asStoreError(error, 'recordRun', this.location))
    }
    return this.#runs.add(row)
  }

  async history(query?: HistoryQuery): Promise<RunRecord[]> {
    return this.#read('history', () => selectHistory(this.#sql, prepareQuery(query)))
  }

  async watch(listener: ControlListener): Promise<() => Promise<void>> {
    return this.#read('watch', () => {
      this.#listeners.add(listener)
      this.#poller.start()
      return async () => {
        this.#listeners.delete(listener)
        if (this.#listeners.size === 0) this.#poller.stop()
      }
    })
  }

  async watchRuns(listener: RunListener): Promise<() => Promise<void>> {
    this.#assertOpen('watchRuns')
    await this.#runFeed.add(listener)
    // SQLite has no pub/sub: rows past the last one delivered are read by primary key every poll.
    this.#runTimer ??= setInterval(() => this.#runFeed.wake(), this.#pollMs).unref()
    return async () => {
      this.#runFeed.delete(listener)
      if (this.#runFeed.size === 0) this.#stopRuns()
    }
  }

  #stopRuns(): void {
    clearInterval(this.#runTimer)
    this.#runTimer = undefined
  }

  async acquireLock(key: string, ttlMs: number, owner: string): Promise<boolean> {
    return this.#write('acquireLock', () => takeLock(this.#sql, prepareLock(key, ttlMs, owner)))
  }

  async extendLock(key: string, ttlMs: number, owner: string): Promise<boolean> {
    return this.#write('extendLock', () => renewLock(this.#sql, prepareLock(key, ttlMs, owner)))
  }

  async releaseLock(key: string, owner: string): Promise<boolean> {
    return this.#write('releaseLock', () =>
      freeLock(this.#sql, {
        key: checkName(key, 'lock key'),
        owner: checkName(owner, 'lock owner'),
        now: nowTimestamp(),
      }),
    )
  }

  async heartbeat(worker: WorkerInfo, ttlMs: number): Promise<void> {
    return this.#write('heartbeat', () => beat(this.#sql, prepareWorker(worker, ttlMs)))
  }

  async workers(): Promise<WorkerRecord[]> {
    return this.#read('workers', () => liveWorkers(this.#sql, nowTimestamp()))
  }

  async removeWorker(id: string): Promise<boolean> {
    return this.#write('removeWorker', () => {
      return (
        this.#sql('DELETE FROM quantum_workers WHERE id = ?').run(checkName(id, 'worker id')).changes === 1
      )
    })
  }

  async check(): Promise<void> {
    this.#assertOpen('check')
    const damaged = inspectStateFile(this.location, this.#state.identity)
    if (damaged) throw damaged
    await this.#read('check', () => this.#sql('SELECT MAX(seq) FROM quantum_control').get())
  }

  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    if (this.#db.open) this.#runs.close()
    this.#poller.stop()
    this.#listeners.clear()
    this.#stopRuns()
    this.#runFeed.clear()
    this.#state.release()
  }

  #scheduleRow(name: string): ScheduleRow | undefined {
    return this.#sql(`SELECT * FROM quantum_jobs WHERE type = 'schedule' AND name = ?`).get(name) as
      | ScheduleRow
      | undefined
  }

  #jobRow(name: string): JobRow | undefined {
    return this.#sql(`SELECT * FROM quantum_jobs WHERE type = 'job' AND name = ?`).get(name) as
      | JobRow
      | undefined
  }

  #setStatus(action: ControlAction, name: string, status: ScheduleStatus): Promise<boolean> {
    return this.#write(`${action}Schedule`, () => {
      const now = nowTimestamp()
      const { changes } = this.#sql(
        `UPDATE quantum_jobs SET status = ?, updated_at = ? WHERE type = 'schedule' AND name = ?`,
      ).run(status, now, checkName(name))
      if (changes === 0) return false
      this.#control(action, 'schedule', name, now)
      return true
    })
  }

  #remove(kind: RunKind, name: string): boolean {
    const { changes } = this.#sql('DELETE FROM quantum_jobs WHERE type = ? AND name = ?').run(kind, name)
    if (changes === 0) return false
    this.#control('delete', kind, name, nowTimestamp())
    return true
  }

  #control(action: ControlAction, kind: RunKind, name: string, at: string): void {
    const { lastInsertRowid } = this.#sql(
      'INSERT INTO quantum_control (action, kind, name, at) VALUES (?, ?, ?, ?)',
    ).run(action, kind, name, at)
    // Watchers poll several times a second; a thousand events back is far more than any falls behind.
    this.#sql('DELETE FROM quantum_control WHERE seq <= ?').run(Number(lastInsertRowid) - 1000)
  }

  #read<T>(operation: string, body: () => T): Promise<T> {
    this.#assertOpen(operation)
    try {
      return Promise.resolve(body())
    } catch (error) {
      return Promise.reject(asStoreError(error, operation, this.location))
    }
  }

  /** Runs `body` in one write transaction, taken up front so concurrent writers queue instead of fail. */
  #write<T>(operation: string, body: () => T): Promise<T> {
    return this.#read(operation, () => this.#db.transaction(body).immediate())
  }

  #assertOpen(operation: string): void {
    if (this.#closed || !this.#db.open) {
      throw storeUnavailable(`The store is closed (${operation})`, { operation, location: this.location })
    }
  }
}

function statusOf(enabled: boolean): ScheduleStatus {
  return enabled ? 'active' : 'paused'
}
