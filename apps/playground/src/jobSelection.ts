import type { JobFilter, QueueAdapter, QueueJob } from '@quantum/queue'
import { JOB_STATUSES } from '@quantum/queue'
import { oneOf, paramsFilter, paramsMatch, text } from './query'

/** Which jobs a list or a batch action is about: the adapter's filter, plus a filter on params. */
export interface JobSelection extends JobFilter {
  params?: Record<string, unknown>
}

/** How many jobs a params filter looks at, newest first, before it stops and says it stopped. */
export const PARAMS_SCAN_LIMIT = 10_000
/** How many jobs one batch action on a filter acts on at most. */
export const BATCH_LIMIT = 10_000
const PAGE = 500

/** The selection in a query string (or a batch's `filter` object), each value checked. */
export function readSelection(get: (field: string) => unknown): JobSelection {
  const selection: JobSelection = {}
  const name = text(stringOrUndefined(get('name')), 'name')
  const queue = text(stringOrUndefined(get('queue')), 'queue')
  const status = stringOrUndefined(get('status'))
  const params = get('params')
  if (name !== undefined) selection.name = name
  if (queue !== undefined) selection.queue = queue
  if (status !== undefined) selection.status = oneOf(status, JOB_STATUSES, 'status')
  if (params !== undefined) {
    selection.params =
      typeof params === 'string' ? paramsFilter(params) : paramsFilter(JSON.stringify(params))
  }
  return selection
}

function stringOrUndefined(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined
  return typeof value === 'string' ? value : String(value)
}

/** A page of the selected jobs, newest first, and how many there are in all (null when not counted). */
export interface JobPage {
  jobs: QueueJob[]
  total: number | null
  /** True when a params filter stopped looking after {@link PARAMS_SCAN_LIMIT} jobs. */
  truncated: boolean
}

/**
 * A page of the selected jobs, newest first. Without a params filter the adapter pages and counts;
 * with one, the jobs matching the rest are read newest first in pages and filtered here, up to
 * {@link PARAMS_SCAN_LIMIT} of them.
 */
export async function selectPage(
  queue: QueueAdapter,
  selection: JobSelection,
  page: { limit: number; offset: number },
): Promise<JobPage> {
  const { params, ...filter } = selection
  if (params === undefined) {
    const [jobs, total] = await Promise.all([
      queue.list({ ...filter, order: 'newest', ...page }),
      queue.count(filter),
    ])
    return { jobs, total, truncated: false }
  }
  const matched: QueueJob[] = []
  let total = 0
  const scan = await scanMatching(queue, filter, params, PARAMS_SCAN_LIMIT, (job) => {
    if (total >= page.offset && matched.length < page.limit) matched.push(job)
    total++
  })
  return { jobs: matched, total: scan.complete ? total : null, truncated: !scan.complete }
}

/** The ids of the selected jobs, newest first, at most `max` (and whether that was all of them). */
export async function selectIds(
  queue: QueueAdapter,
  selection: JobSelection,
  max = BATCH_LIMIT,
): Promise<{ ids: string[]; complete: boolean }> {
  const { params, ...filter } = selection
  const ids: string[] = []
  const scan = await scanMatching(queue, filter, params ?? {}, params ? PARAMS_SCAN_LIMIT : max, (job) => {
    if (ids.length < max) ids.push(job.id)
  })
  return { ids, complete: scan.complete && ids.length <= max }
}

async function scanMatching(
  queue: QueueAdapter,
  filter: JobFilter,
  params: Record<string, unknown>,
  scanLimit: number,
  found: (job: QueueJob) => void,
): Promise<{ complete: boolean }> {
  for (let offset = 0; offset < scanLimit; offset += PAGE) {
    const jobs = await queue.list({
      ...filter,
      order: 'newest',
      offset,
      limit: Math.min(PAGE, scanLimit - offset),
    })
    for (const job of jobs) if (paramsMatch(job.params, params)) found(job)
    if (jobs.length < PAGE) return { complete: true }
  }
  return { complete: false }
}
