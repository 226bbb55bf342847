import { JOB_STATUSES, type JobQuery, type JobStatus } from '../contract'
import { queueError } from './errors'

/** A {@link JobQuery}'s page, checked, with its defaults. */
export interface Page {
  limit: number
  offset: number
  newest: boolean
}

/** The page a query asks for. @throws QueueError `QUEUE_ERROR` for a bad limit, offset, order or status */
export function pageOf(query: JobQuery): Page {
  checkStatus(query.status)
  const limit = query.limit ?? 100
  const offset = query.offset ?? 0
  if (!Number.isSafeInteger(limit) || limit < 0)
    throw queueError(`Invalid limit: ${limit} (an integer of at least 0)`, { limit })
  if (!Number.isSafeInteger(offset) || offset < 0)
    throw queueError(`Invalid offset: ${offset} (an integer of at least 0)`, { offset })
  const order = query.order ?? 'oldest'
  if (order !== 'oldest' && order !== 'newest')
    throw queueError(`Invalid order: ${String(order)} (oldest or newest)`, { order })
  return { limit, offset, newest: order === 'newest' }
}

/** @throws QueueError `QUEUE_ERROR` when `status` is given and is not a job status */
export function checkStatus(status: JobStatus | undefined): void {
  if (status !== undefined && !JOB_STATUSES.includes(status))
    throw queueError(`Invalid status: ${String(status)} (one of ${JOB_STATUSES.join(', ')})`, { status })
}
