import type { Backoff } from '@quantum/ast'
import type { NewJob } from '../contract'
import { DEFAULT_BACKOFF } from './backoff'
import { queueError } from './errors'

/** A {@link NewJob} with every default applied and every field checked. */
export interface NormalJob {
  name: string
  params: Record<string, unknown>
  queue: string
  priority: number
  delayMs: number
  attempts: number
  backoff: Backoff
  timeoutMs: number | null
}

/**
 * Applies the defaults and checks a job before it is stored, so a bad job is refused at enqueue with a
 * sentence rather than failing later in a worker.
 *
 * @throws QueueError `QUEUE_ERROR`
 */
export function normalizeJob(job: NewJob): NormalJob {
  if (typeof job?.name !== 'string' || job.name.trim() === '') throw queueError('Job name is required')
  const queue = job.queue ?? 'default'
  if (typeof queue !== 'string' || queue === '') throw queueError(`Job '${job.name}': queue name is required`)
  const params = job.params ?? {}
  if (typeof params !== 'object' || Array.isArray(params))
    throw queueError(`Job '${job.name}': params must be an object`)
  return {
    name: job.name,
    params,
    queue,
    priority: integer(job.priority ?? 0, 'priority', job.name, -Infinity),
    delayMs: integer(job.delayMs ?? 0, 'delayMs', job.name, 0),
    attempts: integer(job.attempts ?? 3, 'attempts', job.name, 1),
    backoff: backoffOf(job.backoff ?? DEFAULT_BACKOFF, job.name),
    timeoutMs: job.timeoutMs === undefined ? null : integer(job.timeoutMs, 'timeoutMs', job.name, 1),
  }
}

function integer(value: unknown, field: string, name: string, min: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    const bound = min === -Infinity ? 'an integer' : `an integer of at least ${min}`
    throw queueError(`Job '${name}': ${field} must be ${bound} (got ${JSON.stringify(value)})`, { field })
  }
  return value
}

function backoffOf(backoff: Backoff, name: string): Backoff {
  if (
    (backoff?.kind !== 'exponential' && backoff?.kind !== 'fixed') ||
    !Number.isFinite(backoff.delay) ||
    backoff.delay < 0
  )
    throw queueError(`Job '${name}': backoff must be { kind: 'exponential' | 'fixed', delay: ms >= 0 }`)
  return { kind: backoff.kind, delay: Math.round(backoff.delay) }
}

/** A job's params as stored: JSON text, refusing values JSON cannot carry. */
export function paramsJson(job: NormalJob): string {
  try {
    return JSON.stringify(job.params)
  } catch (error) {
    throw queueError(`Job '${job.name}': params are not JSON-safe: ${(error as Error).message}`, {}, error)
  }
}
