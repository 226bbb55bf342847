import { ErrorCodes, type SerializedError } from '@quantum/ast'
import type { NewRun, RunStatus } from '@quantum/store'
import type { ActiveJob, QueueJob, Settlement } from '../contract'

/** The history row of one attempt, from how the queue recorded its end. */
export function attemptRun(job: ActiveJob, settlement: Settlement, workerId: string): NewRun {
  const error = settlement.outcome === 'completed' ? null : settlement.error
  return {
    kind: 'job',
    name: job.name,
    status: statusOf(settlement.outcome, error),
    startedAt: job.startedAt,
    completedAt: new Date(),
    attempt: job.attempt,
    workerId,
    runId: job.id,
    queue: job.queue,
    result: settlement.outcome === 'completed' ? (settlement.result ?? null) : null,
    error,
  }
}

/** The history row of an attempt whose worker died (found when its lease ran out). */
export function lostRun(job: QueueJob, attempt: number): NewRun {
  return {
    kind: 'job',
    name: job.name,
    status: 'terminated',
    startedAt: job.startedAt,
    completedAt: new Date(),
    attempt,
    runId: job.id,
    queue: job.queue,
    error: job.error,
  }
}

function statusOf(outcome: Settlement['outcome'], error: SerializedError | null): RunStatus {
  if (outcome === 'completed') return 'success'
  if (outcome === 'refused') return 'terminated'
  return error?.code === ErrorCodes.QUEUE_TIMEOUT ? 'timeout' : 'error'
}
