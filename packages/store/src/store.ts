import type { SerializedError } from '@quantum/ast'
import type { JobDefinition, ScheduleDefinition } from './definitions'

/** An instant: a `Date`, or an ISO 8601 string with `Z` or an offset. The store keeps UTC with `Z`. */
export type Timestamp = Date | string

/** Whether a schedule fires. */
export type ScheduleStatus = 'active' | 'paused'

/** What a history row or control event is about. */
export type RunKind = 'schedule' | 'job'

/** Every {@link RunKind}. */
export const RUN_KINDS: readonly RunKind[] = ['schedule', 'job']

/** How one fire or attempt ended (`late`: ran after a misfire; `missed`, `skipped`: did not run). */
export type RunStatus = 'success' | 'error' | 'timeout' | 'terminated' | 'late' | 'missed' | 'skipped'

/** Every {@link RunStatus}, in the order the docs list them. */
export const RUN_STATUSES: readonly RunStatus[] = [
  'success',
  'error',
  'timeout',
  'terminated',
  'late',
  'missed',
  'skipped',
]

/** A schedule as stored: its definition and its state. Timestamps are UTC ISO 8601 with `Z`. */
export interface ScheduleRecord {
  /** The row id in `quantum_jobs` (SQLite) or the id Redis gave it; kept across re-registration. */
  id: number
  name: string
  status: ScheduleStatus
  definition: ScheduleDefinition
  /** The instant the scheduler will fire next, or null when it will not. */
  nextRun: string | null
  lastRun: string | null
  runCount: number
  errorCount: number
  lastError: string | null
  /** The schedule's component variables, carried from fire to fire and across restarts. */
  variables: Record<string, unknown>
  createdAt: string
  updatedAt: string
}

/** What {@link Store.registerSchedule} needs beside the definition. */
export interface RegisterScheduleOptions {
  /** The instant the scheduler will fire first, or null when it will not (paused, or an `at` past). */
  nextRun: Timestamp | null
}

/** A change to a schedule's state; fields left out (or undefined) stay as they are, null clears. */
export interface ScheduleChange {
  nextRun?: Timestamp | null
  lastRun?: Timestamp | null
  lastError?: string | null
  variables?: Record<string, unknown>
  /** Added to `runCount` atomically (a fire counts once whichever process ran it). */
  addRuns?: number
  /** Added to `errorCount` atomically. */
  addErrors?: number
}

/** A job definition as stored. */
export interface JobRecord {
  id: number
  name: string
  queue: string
  definition: JobDefinition
  createdAt: string
  updatedAt: string
}

/** One fire of a schedule or one attempt of a job, as a host records it. */
export interface NewRun {
  kind: RunKind
  name: string
  status: RunStatus
  /** The instant the fire was due (schedules) or the job was scheduled for. */
  dueAt?: Timestamp | null
  startedAt?: Timestamp | null
  completedAt?: Timestamp | null
  /** 1 for a first try; retries and job attempts count up. @defaultValue 1 */
  attempt?: number
  /** The worker that ran it ({@link WorkerInfo.id}). */
  workerId?: string | null
  /** The queue's id for a job run. */
  runId?: string | null
  queue?: string | null
  /** The body's result; must be JSON-safe. */
  result?: unknown
  error?: SerializedError | null
}

/** A history row. */
export interface RunRecord {
  id: number
  kind: RunKind
  name: string
  status: RunStatus
  dueAt: string | null
  startedAt: string | null
  completedAt: string | null
  /** `completedAt - startedAt`, when both are known. */
  durationMs: number | null
  attempt: number
  workerId: string | null
  runId: string | null
  queue: string | null
  result: unknown
  error: SerializedError | null
  /** When the row was recorded; retention by age counts from here. */
  recordedAt: string
}

/** Which history rows to return, newest recorded first. */
export interface HistoryQuery {
  name?: string
  kind?: RunKind
  /** One status or any of several. */
  status?: RunStatus | readonly RunStatus[]
  /** At most this many rows. @defaultValue 100 */
  limit?: number
  /** Only the rows of this queue run (a job's attempts: {@link RunRecord.runId}). */
  runId?: string
  /** Only rows with a smaller id: the next page after a page whose last row had this id. */
  beforeId?: number
  /** Only rows with a larger id: what was recorded since a row with this id was seen. */
  afterId?: number
}

/**
 * How much history a store keeps. Rows past either bound are deleted as new rows are recorded.
 * `null` lifts a bound.
 */
export interface Retention {
  /** Rows recorded longer ago than this are deleted. @defaultValue 30 days */
  maxAgeMs: number | null
  /** Per name, only the newest this many rows are kept. @defaultValue 1000 */
  maxPerName: number | null
}

/** A control action as it reaches watchers. */
export type ControlAction = 'register' | 'pause' | 'resume' | 'delete' | 'run'

/** Something another process (or this one) did that running workers must act on. */
export interface ControlEvent {
  action: ControlAction
  kind: RunKind
  name: string
  /** When it was done: UTC ISO 8601 with `Z`. */
  at: string
}

/** Receives control events; it must not throw (what it throws goes to the store's `onError`). */
export type ControlListener = (event: ControlEvent) => void

/** Receives history rows as they are recorded; it must not throw (what it throws goes to `onError`). */
export type RunListener = (run: RunRecord) => void

/** A process that hosts schedules or queues, as it announces itself. */
export interface WorkerInfo {
  id: string
  host: string
  pid: number
  startedAt: Timestamp
  /** Small JSON-safe facts a host wants shown (queues, concurrency, app folder…). */
  details?: Record<string, unknown>
}

/** A worker that has sent a heartbeat and not yet expired. */
export interface WorkerRecord {
  id: string
  host: string
  pid: number
  startedAt: string
  details: Record<string, unknown>
  seenAt: string
  expiresAt: string
}

/**
 * Where schedules and jobs live between processes: definitions, schedule state, run history, control
 * and locks. `@quantum/store/sqlite` keeps it in `<home>/quantum.db`, `@quantum/store/redis` on Redis;
 * both pass one conformance suite. Every method may throw a `QuantumError` with code `STORE_ERROR`
 * (bad input, unreadable data) or `STORE_UNAVAILABLE` (cannot reach the store, or it is closed).
 */
export interface Store {
  /** `sqlite` or `redis`. */
  readonly kind: 'sqlite' | 'redis'
  /** The database file, or the Redis URL and key prefix, for messages. */
  readonly location: string

  /**
   * Adds a schedule, or replaces the definition of one with that name atomically. A new schedule is
   * `active` when `enabled`, else `paused`, and starts with the definition's `snapshot` as its
   * variables. Re-registering keeps its id, counts, last run and error, and variables, and keeps its
   * status unless `enabled` differs from the stored definition's. Watchers get `register`.
   */
  registerSchedule(definition: ScheduleDefinition, options: RegisterScheduleOptions): Promise<ScheduleRecord>
  getSchedule(name: string): Promise<ScheduleRecord | undefined>
  /** Every schedule (or those with `status`), by name. */
  listSchedules(options?: { status?: ScheduleStatus }): Promise<ScheduleRecord[]>
  /** Applies `change` atomically; undefined when no schedule has that name (it is never re-created). */
  updateSchedule(name: string, change: ScheduleChange): Promise<ScheduleRecord | undefined>
  /** Sets `paused`; false when the name is unknown. Watchers get `pause`. */
  pauseSchedule(name: string): Promise<boolean>
  /** Sets `active`; false when the name is unknown. Watchers get `resume`. */
  resumeSchedule(name: string): Promise<boolean>
  /** Removes the schedule and its state (history stays); false when unknown. Watchers get `delete`. */
  deleteSchedule(name: string): Promise<boolean>
  /** Asks running workers to fire the schedule now; false when unknown. Watchers get `run`. */
  runScheduleNow(name: string): Promise<boolean>

  /** Adds or replaces a job definition. Watchers get `register` for kind `job`. */
  defineJob(definition: JobDefinition): Promise<JobRecord>
  getJob(name: string): Promise<JobRecord | undefined>
  /** Every job definition (or those of `queue`), by name. */
  listJobs(options?: { queue?: string }): Promise<JobRecord[]>
  /** Removes a job definition; false when unknown. Watchers get `delete` for kind `job`. */
  deleteJob(name: string): Promise<boolean>

  /** Adds a history row and applies the retention setting. */
  recordRun(run: NewRun): Promise<RunRecord>
  /** History rows, newest recorded first. */
  history(query?: HistoryQuery): Promise<RunRecord[]>

  /**
   * Calls `listener` for every control event from now on, from any process using this store, within
   * a second. Resolves once events are being received; the result stops the listener.
   *
   * Events wake workers up; the state stays the truth. SQLite keeps recent events in a table, so a
   * watcher misses none; Redis sends them by pub/sub, so events sent while a connection is down are
   * lost. A worker therefore also reads a schedule's status before it fires.
   */
  watch(listener: ControlListener): Promise<() => Promise<void>>

  /**
   * Calls `listener` with every history row recorded from now on, by any process using this store, in
   * id order, within a second. Resolves once rows are being received; the result stops the listener.
   * A watcher reads only the rows past the last one it delivered: SQLite by primary key several times a
   * second, Redis when a recording publishes (a publish lost while the connection was down delays rows
   * until the next one; it loses none that retention kept).
   */
  watchRuns(listener: RunListener): Promise<() => Promise<void>>

  /**
   * Takes `key` for `owner` for `ttlMs` if nobody holds it (or its holder's TTL ran out); true when
   * taken. Atomic across processes and machines. Not re-entrant: a holder asking again gets false.
   */
  acquireLock(key: string, ttlMs: number, owner: string): Promise<boolean>
  /** Gives `owner`'s hold on `key` a new TTL; false when `owner` does not hold it. */
  extendLock(key: string, ttlMs: number, owner: string): Promise<boolean>
  /** Frees `key` if `owner` holds it; false otherwise. */
  releaseLock(key: string, owner: string): Promise<boolean>

  /** Announces a live worker for `ttlMs`; send again before it expires. */
  heartbeat(worker: WorkerInfo, ttlMs: number): Promise<void>
  /** Workers whose last heartbeat has not expired, by id. */
  workers(): Promise<WorkerRecord[]>
  /** Withdraws a worker at shutdown; false when it was not announced. */
  removeWorker(id: string): Promise<boolean>

  /**
   * A health probe, cheap enough to call every second: resolves when the store answers. SQLite also
   * looks at the file itself, since a connection keeps working from its cache for a while after its file
   * was truncated, overwritten or deleted.
   *
   * @throws QuantumError `STORE_CORRUPT` (the file is damaged), `STORE_UNAVAILABLE` (the file is gone or
   * replaced, Redis does not answer within {@link CHECK_TIMEOUT_MS}, or the store is closed)
   */
  check(): Promise<void>

  /** Stops watchers and closes the connection; later calls fail with `STORE_UNAVAILABLE`. */
  close(): Promise<void>
}

/** How long {@link Store.check} waits for Redis to answer before it counts as unreachable. */
export const CHECK_TIMEOUT_MS = 2_000

/** Options every store accepts. */
export interface StoreOptions {
  /** History retention; each bound defaults to {@link DEFAULT_RETENTION}. */
  retention?: Partial<Retention>
  /**
   * Problems that no caller is waiting for: a control listener that threw, a lost connection while
   * watching. @defaultValue `process.emitWarning`
   */
  onError?: (error: Error) => void
}
