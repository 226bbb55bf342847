import type { JobDefinition, ScheduleDefinition } from '../definitions'
import type {
  HistoryQuery,
  NewRun,
  RegisterScheduleOptions,
  Retention,
  RunKind,
  RunStatus,
  ScheduleChange,
  ScheduleStatus,
  WorkerInfo,
} from '../store'
import { RUN_KINDS, RUN_STATUSES } from '../store'
import { storeError } from './errors'
import type { RunRow } from './rows'
import {
  checkCount,
  checkName,
  checkObject,
  checkTtl,
  nowTimestamp,
  toJson,
  toOptionalTimestamp,
  toTimestamp,
} from './values'

/*
 * Every argument a store method takes is checked and turned into what both stores write here, so the
 * SQLite and Redis stores cannot disagree on what they accept.
 */

const SCHEDULE_STATUSES: readonly ScheduleStatus[] = ['active', 'paused']

/** History rows a query returns when it names no limit. */
export const DEFAULT_HISTORY_LIMIT = 100

/** The history a store keeps unless told otherwise: 30 days, and 1000 rows per name. */
export const DEFAULT_RETENTION: Readonly<Retention> = Object.freeze({
  maxAgeMs: 30 * 24 * 60 * 60 * 1000,
  maxPerName: 1000,
})

export interface PreparedSchedule {
  name: string
  config: string
  enabled: boolean
  /** The variables a schedule with no state yet starts with. */
  state: string
  nextRun: string | null
}

export function prepareSchedule(
  definition: ScheduleDefinition,
  options: RegisterScheduleOptions,
): PreparedSchedule {
  checkObject(definition, 'schedule definition')
  const name = checkName(definition.name, 'schedule name')
  if (typeof definition.enabled !== 'boolean') {
    throw storeError(`Invalid definition of schedule '${name}': 'enabled' must be a boolean`, { name })
  }
  return {
    name,
    config: toJson(definition, `the definition of schedule '${name}'`),
    enabled: definition.enabled,
    state: toJson(checkObject(definition.snapshot ?? {}, 'snapshot'), `the snapshot of schedule '${name}'`),
    nextRun: toOptionalTimestamp(options?.nextRun, 'nextRun'),
  }
}

export interface PreparedChange {
  set: {
    next_run?: string | null
    last_run?: string | null
    last_error?: string | null
    state?: string
  }
  addRuns: number
  addErrors: number
}

export function prepareChange(change: ScheduleChange): PreparedChange {
  checkObject(change, 'schedule change')
  const set: PreparedChange['set'] = {}
  if (change.nextRun !== undefined) set.next_run = toOptionalTimestamp(change.nextRun, 'nextRun')
  if (change.lastRun !== undefined) set.last_run = toOptionalTimestamp(change.lastRun, 'lastRun')
  if (change.lastError !== undefined) {
    if (change.lastError !== null && typeof change.lastError !== 'string') {
      throw storeError('Invalid lastError: expected a string or null', { field: 'lastError' })
    }
    set.last_error = change.lastError
  }
  if (change.variables !== undefined)
    set.state = toJson(checkObject(change.variables, 'variables'), 'variables')
  return {
    set,
    addRuns: checkCount(change.addRuns ?? 0, 'addRuns', 0),
    addErrors: checkCount(change.addErrors ?? 0, 'addErrors', 0),
  }
}

export interface PreparedJob {
  name: string
  queue: string
  config: string
}

export function prepareJob(definition: JobDefinition): PreparedJob {
  checkObject(definition, 'job definition')
  const name = checkName(definition.name, 'job name')
  return {
    name,
    queue: checkName(definition.queue, 'job queue'),
    config: toJson(definition, `the definition of job '${name}'`),
  }
}

export function prepareRun(run: NewRun): RunRow {
  checkObject(run, 'run')
  const startedAt = toOptionalTimestamp(run.startedAt, 'startedAt')
  const completedAt = toOptionalTimestamp(run.completedAt, 'completedAt')
  const error = run.error ?? null
  if (error !== null && (typeof error !== 'object' || typeof error.message !== 'string')) {
    throw storeError('Invalid run error: expected a serialized error with a message', { field: 'error' })
  }
  return {
    kind: oneOf(run.kind, RUN_KINDS, 'run kind'),
    name: checkName(run.name),
    status: oneOf(run.status, RUN_STATUSES, 'run status'),
    due_at: toOptionalTimestamp(run.dueAt, 'dueAt'),
    started_at: startedAt,
    completed_at: completedAt,
    duration_ms: startedAt && completedAt ? Date.parse(completedAt) - Date.parse(startedAt) : null,
    attempt: checkCount(run.attempt ?? 1, 'attempt', 1),
    worker_id: optionalName(run.workerId, 'workerId'),
    run_id: optionalName(run.runId, 'runId'),
    queue: optionalName(run.queue, 'queue'),
    result: run.result === undefined ? null : toJson(run.result, 'the run result'),
    error: error?.message ?? null,
    error_detail: error === null ? null : toJson(error, 'the run error'),
    created_at: nowTimestamp(),
  }
}

export interface PreparedQuery {
  name: string | null
  kind: RunKind | null
  statuses: RunStatus[] | null
  limit: number
  runId: string | null
  beforeId: number | null
  afterId: number | null
}

export function prepareQuery(query: HistoryQuery = {}): PreparedQuery {
  checkObject(query, 'history query')
  const statuses =
    query.status === undefined
      ? null
      : [...new Set(typeof query.status === 'string' ? [query.status] : query.status)].map((status) =>
          oneOf(status, RUN_STATUSES, 'run status'),
        )
  return {
    name: query.name === undefined ? null : checkName(query.name),
    kind: query.kind === undefined ? null : oneOf(query.kind, RUN_KINDS, 'run kind'),
    statuses,
    limit: checkCount(query.limit ?? DEFAULT_HISTORY_LIMIT, 'limit', 0),
    runId: query.runId === undefined ? null : checkName(query.runId, 'runId'),
    beforeId: query.beforeId === undefined ? null : checkCount(query.beforeId, 'beforeId', 0),
    afterId: query.afterId === undefined ? null : checkCount(query.afterId, 'afterId', 0),
  }
}

export function prepareStatusFilter(options: { status?: ScheduleStatus } = {}): ScheduleStatus | null {
  return options.status === undefined ? null : oneOf(options.status, SCHEDULE_STATUSES, 'schedule status')
}

export function prepareRetention(retention: Partial<Retention> = {}): Retention {
  const bound = (value: number | null | undefined, fallback: number | null, field: string) =>
    value === undefined ? fallback : value === null ? null : checkCount(value, field, 1)
  return {
    maxAgeMs: bound(retention.maxAgeMs, DEFAULT_RETENTION.maxAgeMs, 'retention.maxAgeMs'),
    maxPerName: bound(retention.maxPerName, DEFAULT_RETENTION.maxPerName, 'retention.maxPerName'),
  }
}

export interface PreparedWorker {
  id: string
  host: string
  pid: number
  started_at: string
  details: string
  seen_at: string
  expires_at: string
}

export function prepareWorker(worker: WorkerInfo, ttlMs: number): PreparedWorker {
  checkObject(worker, 'worker')
  const now = Date.now()
  return {
    id: checkName(worker.id, 'worker id'),
    host: typeof worker.host === 'string' ? worker.host : '',
    pid: checkCount(worker.pid, 'pid', 0),
    started_at: toTimestamp(worker.startedAt, 'startedAt'),
    details: toJson(checkObject(worker.details ?? {}, 'details'), 'worker details'),
    seen_at: new Date(now).toISOString(),
    expires_at: new Date(now + checkTtl(ttlMs)).toISOString(),
  }
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
  if (!allowed.includes(value as T)) {
    throw storeError(`Invalid ${field}: ${JSON.stringify(value)} (expected ${allowed.join(', ')})`, { field })
  }
  return value as T
}

function optionalName(value: string | null | undefined, field: string): string | null {
  return value === null || value === undefined ? null : checkName(value, field)
}

export interface PreparedLock {
  key: string
  owner: string
  ttlMs: number
  now: string
  expires: string
}

export function prepareLock(key: string, ttlMs: number, owner: string): PreparedLock {
  const now = Date.now()
  const ttl = checkTtl(ttlMs)
  return {
    key: checkName(key, 'lock key'),
    owner: checkName(owner, 'lock owner'),
    ttlMs: ttl,
    now: new Date(now).toISOString(),
    expires: new Date(now + ttl).toISOString(),
  }
}
