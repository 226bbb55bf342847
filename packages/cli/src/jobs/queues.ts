import type { JobStatus, QueueAdapter, QueueStats } from '@quantum/queue'
import { plural } from '../format/plural'
import { type Column, formatTable } from '../format/table'
import type { CliIO } from '../io'
import type { JobsFormat } from './list'

const COLUMNS: Column[] = [
  { header: 'Queue', width: 20 },
  { header: 'Pending', width: 10 },
  { header: 'Running', width: 10 },
  { header: 'Completed', width: 10 },
  { header: 'Failed', width: 10 },
]

/** Upstream's `queues list` rule is shorter than its other tables'. */
const QUEUES_RULE_WIDTH = 65

/** A queue's counts as `jobs queues list|stats --format json` print them (upstream's keys plus `cancelled`, `paused`). */
export interface QueueEntry {
  name: string
  pending: number
  running: number
  completed: number
  failed: number
  cancelled: number
  paused: boolean
}

const entry = (stats: QueueStats): QueueEntry => ({
  name: stats.queue,
  pending: stats.pending,
  running: stats.running,
  completed: stats.completed,
  failed: stats.failed,
  cancelled: stats.cancelled,
  paused: stats.paused,
})

/** `quantum jobs queues list`: upstream's table (a rule of 65 `-`), `No queues found.`, or JSON. */
export async function listQueues(queue: QueueAdapter, format: JobsFormat, io: CliIO): Promise<number> {
  const entries = (await queue.queues()).map(entry)
  if (format === 'json') io.stdout.write(`${JSON.stringify(entries, null, 2)}\n`)
  else if (entries.length === 0) io.stdout.write('No queues found.\n')
  else {
    const cells = entries.map((row) =>
      [row.name, row.pending, row.running, row.completed, row.failed].map(String),
    )
    io.stdout.write(formatTable(COLUMNS, cells, QUEUES_RULE_WIDTH))
  }
  return 0
}

/**
 * `quantum jobs queues stats [Q]`: upstream's `Queue Statistics`, 40 `-`, then `  key: value` lines; one
 * queue's counts, or over every queue `total_jobs, pending, running, completed, failed` (`total_jobs`
 * counts those four, as upstream's).
 */
export async function queueStats(
  queue: QueueAdapter,
  name: string | undefined,
  format: JobsFormat,
  io: CliIO,
): Promise<number> {
  let stats: Record<string, unknown>
  if (name === undefined) {
    const all = await queue.queues()
    const sum = (key: 'pending' | 'running' | 'completed' | 'failed') =>
      all.reduce((total, stats) => total + stats[key], 0)
    const [pending, running, completed, failed] = [
      sum('pending'),
      sum('running'),
      sum('completed'),
      sum('failed'),
    ]
    stats = { total_jobs: pending + running + completed + failed, pending, running, completed, failed }
  } else {
    stats = { ...entry(await queue.stats(name)) }
  }
  if (format === 'json') {
    io.stdout.write(`${JSON.stringify(stats, null, 2)}\n`)
    return 0
  }
  const lines = Object.entries(stats).map(([key, value]) => `  ${key}: ${value}`)
  io.stdout.write(`Queue Statistics\n${'-'.repeat(40)}\n${lines.join('\n')}\n`)
  return 0
}

/** What `jobs queues purge --status` removes: `all` is every job not running. */
export type PurgeStatus = 'all' | Exclude<JobStatus, 'running'>

/** `quantum jobs queues purge Q`: `Purged N jobs from queue: Q` (`1 job`). */
export async function purgeQueue(
  queue: QueueAdapter,
  name: string,
  status: PurgeStatus,
  io: CliIO,
): Promise<number> {
  const count = await queue.purge(name, status === 'all' ? undefined : status)
  io.stdout.write(`Purged ${plural(count, 'job')} from queue: ${name}\n`)
  return 0
}
