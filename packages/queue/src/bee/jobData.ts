import type { Backoff, SerializedError } from '@quantum/ast'
import type { JobStatus, QueueJob } from '../contract'
import { iso } from '../internal/time'
import { type JobAddress, jobId } from './keys'

/** What a job carries in bee-queue's job data (short names: it is stored once per job). */
export interface BeeJobData {
  /** name */
  n: string
  /** params */
  p: Record<string, unknown>
  /** attempts */
  a: number
  /** backoff */
  b: Backoff
  /** timeout in ms */
  t: number | null
  /** created at, epoch ms */
  c: number
  /** run at, epoch ms (the delay) */
  r: number
}

/** bee-queue's stored form of a job (`Job#toData`). */
interface BeeStored {
  data: BeeJobData
}

/** The adapter's own state of a job (a Redis hash; empty until the first claim). */
export type JobState = Record<string, string>

/** A job as the contract shows it, from bee-queue's data and the adapter's state. */
export function toJob(address: JobAddress, stored: string, state: JobState, now = Date.now()): QueueJob {
  const { data } = JSON.parse(stored) as BeeStored
  const status = statusOf(state, now)
  const started = number(state.startedAt)
  return {
    id: jobId(address),
    name: data.n,
    queue: address.queue,
    params: data.p,
    status,
    priority: address.band,
    attempt: number(state.attempt) ?? 0,
    maxAttempts: data.a,
    backoff: data.b,
    timeoutMs: data.t,
    runAt: status === 'pending' ? iso(number(state.runAt) ?? Math.max(data.r, started ?? 0)) : null,
    createdAt: iso(data.c) as string,
    startedAt: iso(started),
    completedAt: iso(number(state.completedAt)),
    error: json(state.error) as SerializedError | null,
    result: json(state.result),
    progress: json(state.progress),
  }
}

/** A running attempt whose lease ran out is waiting to be picked up again: pending. */
function statusOf(state: JobState, now: number): JobStatus {
  const status = state.status as JobStatus | undefined
  if (!status) return 'pending'
  if (status === 'running' && (number(state.leaseUntil) ?? 0) < now) return 'pending'
  return status
}

function number(value: string | undefined): number | null {
  return value === undefined || value === '' ? null : Number(value)
}

function json(value: string | undefined): unknown {
  return value === undefined || value === '' ? null : JSON.parse(value)
}

/** Field list/value pairs of HGETALL as an object (node_redis v3 already returns one, or null). */
export function stateOf(reply: unknown): JobState {
  return (reply ?? {}) as JobState
}
