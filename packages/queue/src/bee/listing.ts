import type { JobFilter, JobQuery, QueueJob } from '../contract'
import { checkStatus, pageOf } from '../internal/page'
import { pipeline, type V3Client } from './client'
import { jobId, type Keys } from './keys'
import * as scripts from './scripts'

/** What listing needs of the adapter. */
export interface Listing {
  client: V3Client
  keys: Keys
  queueNames(): Promise<string[]>
  /** The jobs of one band with these bee ids, in that order (missing ones left out). */
  jobs(queue: string, band: number, beeIds: string[]): Promise<QueueJob[]>
}

/** One band's index a list or count walks: every job of the band, or those of one name. */
interface Walk {
  queue: string
  band: number
  key: string
}

/** A job found by a walk, before it is loaded. */
interface Found {
  queue: string
  band: number
  beeId: string
  createdAt: number
}

/**
 * A page of jobs (see `QueueAdapter.list`): each band's index is walked in order on the server (see
 * `scripts.page`), so a page costs what it skips and returns, not what the queue holds.
 */
export async function listJobs(from: Listing, query: JobQuery): Promise<QueueJob[]> {
  const { limit, offset, newest } = pageOf(query)
  const walks = await walksOf(from, query)
  if (limit === 0 || walks.length === 0) return []
  // One band skips on the server; several return their first offset + limit each, merged here.
  const one = walks.length === 1
  const now = Date.now()
  const replies = await Promise.all(
    walks.map((walk) =>
      runPage<string[]>(from, walk, query, now, {
        skip: one ? offset : 0,
        want: one ? limit : offset + limit,
        newest,
      }),
    ),
  )
  const found = walks.flatMap((walk, i) =>
    pairs(replies[i] ?? []).map(([beeId, score]) => ({
      queue: walk.queue,
      band: walk.band,
      beeId,
      createdAt: Number(score),
    })),
  )
  found.sort(newest ? newestFirst : oldestFirst)
  const chosen = found.slice(one ? 0 : offset, (one ? 0 : offset) + limit)
  return loadInOrder(from, chosen)
}

/**
 * How many jobs match (see `QueueAdapter.count`). Without a name, a status is counted from the sets the
 * adapter keeps (pending: the jobs in no other status), so a running attempt whose lease ran out counts as
 * running until a worker takes the job back.
 */
export async function countJobs(from: Listing, filter: JobFilter): Promise<number> {
  checkStatus(filter.status)
  const walks = await walksOf(from, filter)
  const { status } = filter
  if (status !== undefined && filter.name !== undefined) {
    const now = Date.now()
    const counts = await Promise.all(
      walks.map((walk) => runPage<number>(from, walk, filter, now, { skip: 0, want: -1, newest: false })),
    )
    return counts.reduce((sum, count) => sum + Number(count), 0)
  }
  const sizes = (await pipeline(
    from.client,
    walks.map((walk) => ['zcard', walk.key]),
  )) as number[]
  const total = sizes.reduce((sum, size) => sum + size, 0)
  if (status === undefined) return total
  const queues = [...new Set(walks.map((walk) => walk.queue))]
  const owned = status === 'pending' ? OWN_STATUSES : [status]
  const counts = (await pipeline(
    from.client,
    queues.flatMap((queue) => owned.map((name) => ['scard', from.keys.status(queue, name)])),
  )) as number[]
  const counted = counts.reduce((sum, count) => sum + count, 0)
  return status === 'pending' ? Math.max(0, total - counted) : counted
}

const OWN_STATUSES = ['running', 'completed', 'failed', 'cancelled'] as const

/** The indexes a query walks: per queue asked for (every queue without one), per band of it. */
async function walksOf(from: Listing, filter: JobFilter): Promise<Walk[]> {
  const queues = filter.queue === undefined ? await from.queueNames() : [filter.queue]
  const bands = (await pipeline(
    from.client,
    queues.map((queue) => ['smembers', from.keys.bands(queue)]),
  )) as string[][]
  return queues.flatMap((queue, i) =>
    (bands[i] ?? []).map(Number).map((band) => ({
      queue,
      band,
      key:
        filter.name === undefined ? from.keys.index(queue, band) : from.keys.named(queue, band, filter.name),
    })),
  )
}

/** Runs `scripts.page` on one band for `filter`. */
function runPage<T>(
  from: Listing,
  walk: Walk,
  filter: JobFilter,
  now: number,
  { skip, want, newest }: { skip: number; want: number; newest: boolean },
): Promise<T> {
  const address = { queue: walk.queue, band: walk.band, beeId: '' }
  const sources = sourcesOf(from.keys, walk, filter)
  return scripts.page.run<T>(
    from.client,
    [walk.key, ...sources.map(([key]) => key)],
    [
      now,
      filter.status ?? '',
      skip,
      want,
      newest ? '1' : '0',
      from.keys.state(jobId(address)),
      jobId(address),
      ...sources.map(([, kind]) => kind),
    ],
  )
}

/** Where a band's jobs in `filter.status` may be (see `scripts.page`). */
function sourcesOf(keys: Keys, walk: Walk, filter: JobFilter): [string, 'ids' | 'list' | 'zset'][] {
  const { queue, band } = walk
  if (filter.status === undefined) return []
  if (filter.status !== 'pending') return [[keys.status(queue, filter.status), 'ids']]
  return [
    [keys.beeKey(queue, band, 'waiting'), 'list'],
    [keys.beeKey(queue, band, 'delayed'), 'zset'],
    // A running attempt whose lease ran out is pending.
    [keys.status(queue, 'running'), 'ids'],
  ]
}

async function loadInOrder(from: Listing, chosen: Found[]): Promise<QueueJob[]> {
  const byBand = new Map<string, Found[]>()
  for (const job of chosen) {
    const key = from.keys.band(job.queue, job.band)
    byBand.set(key, [...(byBand.get(key) ?? []), job])
  }
  const loaded = new Map<string, QueueJob>()
  await Promise.all(
    [...byBand.values()].map(async (jobs) => {
      const [first] = jobs as [Found]
      const found = await from.jobs(
        first.queue,
        first.band,
        jobs.map((job) => job.beeId),
      )
      for (const job of found) loaded.set(job.id, job)
    }),
  )
  return chosen.flatMap((job) => loaded.get(jobId(job)) ?? [])
}

function pairs(flat: string[]): [string, string][] {
  const out: [string, string][] = []
  for (let i = 0; i + 1 < flat.length; i += 2) out.push([flat[i] as string, flat[i + 1] as string])
  return out
}

function oldestFirst(a: Found, b: Found): number {
  return b.band - a.band || a.createdAt - b.createdAt || Number(a.beeId) - Number(b.beeId)
}

function newestFirst(a: Found, b: Found): number {
  return b.createdAt - a.createdAt || b.band - a.band || Number(b.beeId) - Number(a.beeId)
}
