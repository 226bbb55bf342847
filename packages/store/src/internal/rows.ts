import type { SerializedError } from '@quantum/ast'
import type { JobDefinition, ScheduleDefinition } from '../definitions'
import type {
  JobRecord,
  RunKind,
  RunRecord,
  RunStatus,
  ScheduleRecord,
  ScheduleStatus,
  WorkerRecord,
} from '../store'
import { fromJson } from './values'

/*
 * Both stores keep records with the column names of the SQLite tables (`quantum_jobs`,
 * `quantum_job_history`, `quantum_workers`); Redis keeps them as hash fields or JSON, where numbers
 * come back as strings and absent fields stand for null. One mapping reads both.
 */

type Field = string | number | null | undefined

/** A `quantum_jobs` row of type `schedule`. */
export interface ScheduleRow {
  id: Field
  name: Field
  config: Field
  status: Field
  next_run: Field
  last_run: Field
  run_count: Field
  error_count: Field
  last_error: Field
  state: Field
  created_at: Field
  updated_at: Field
}

/** A `quantum_jobs` row of type `job`. */
export interface JobRow {
  id: Field
  name: Field
  queue: Field
  config: Field
  created_at: Field
  updated_at: Field
}

/** A `quantum_job_history` row, less `id` and `job_id`. */
export interface RunRow {
  kind: RunKind
  name: string
  status: RunStatus
  due_at: string | null
  started_at: string | null
  completed_at: string | null
  duration_ms: number | null
  attempt: number
  worker_id: string | null
  run_id: string | null
  queue: string | null
  result: string | null
  error: string | null
  error_detail: string | null
  created_at: string
}

/** A `quantum_workers` row. */
export interface WorkerRow {
  id: Field
  host: Field
  pid: Field
  started_at: Field
  details: Field
  seen_at: Field
  expires_at: Field
}

const text = (value: Field): string => String(value ?? '')
const optionalText = (value: Field): string | null =>
  value === null || value === undefined ? null : String(value)
const count = (value: Field): number => Number(value ?? 0)

export function scheduleFromRow(row: ScheduleRow): ScheduleRecord {
  return {
    id: count(row.id),
    name: text(row.name),
    status: text(row.status) as ScheduleStatus,
    definition: fromJson<ScheduleDefinition>(
      text(row.config),
      `the definition of schedule '${text(row.name)}'`,
    ),
    nextRun: optionalText(row.next_run),
    lastRun: optionalText(row.last_run),
    runCount: count(row.run_count),
    errorCount: count(row.error_count),
    lastError: optionalText(row.last_error),
    variables: fromJson<Record<string, unknown>>(
      text(row.state ?? '{}'),
      `the variables of '${text(row.name)}'`,
    ),
    createdAt: text(row.created_at),
    updatedAt: text(row.updated_at),
  }
}

export function jobFromRow(row: JobRow): JobRecord {
  return {
    id: count(row.id),
    name: text(row.name),
    queue: text(row.queue),
    definition: fromJson<JobDefinition>(text(row.config), `the definition of job '${text(row.name)}'`),
    createdAt: text(row.created_at),
    updatedAt: text(row.updated_at),
  }
}

export function runFromRow(id: number, row: RunRow): RunRecord {
  return {
    id,
    kind: row.kind,
    name: row.name,
    status: row.status,
    dueAt: row.due_at,
    startedAt: row.started_at,
    completedAt: row.completed_at,
    durationMs: row.duration_ms,
    attempt: row.attempt,
    workerId: row.worker_id,
    runId: row.run_id,
    queue: row.queue,
    result: row.result === null ? null : fromJson(row.result, `the result of run ${id}`),
    error: errorFromRow(id, row),
    recordedAt: row.created_at,
  }
}

function errorFromRow(id: number, row: RunRow): SerializedError | null {
  if (row.error_detail !== null) return fromJson<SerializedError>(row.error_detail, `the error of run ${id}`)
  // A row written by hand (or by another tool) may carry only the message.
  return row.error === null ? null : { name: 'QuantumError', code: 'RUNTIME_ERROR', message: row.error }
}

export function workerFromRow(row: WorkerRow): WorkerRecord {
  return {
    id: text(row.id),
    host: text(row.host),
    pid: count(row.pid),
    startedAt: text(row.started_at),
    details: fromJson<Record<string, unknown>>(
      text(row.details ?? '{}'),
      `the details of worker '${text(row.id)}'`,
    ),
    seenAt: text(row.seen_at),
    expiresAt: text(row.expires_at),
  }
}
