import type { QueueAdapter } from '@quantum/queue'
import type { Store } from '@quantum/store'
import { tableTime } from '../format/instant'
import { type Column, formatTable } from '../format/table'
import type { CliIO } from '../io'
import { gatherJobRows, type ListFilter } from './rows'

/** How the job commands print: upstream's tables, or JSON. */
export type JobsFormat = 'table' | 'json'

const COLUMNS: Column[] = [
  { header: 'Name', width: 25 },
  { header: 'Queue', width: 15 },
  { header: 'Status', width: 10 },
  { header: 'Next Run', width: 20 },
  { header: 'Last Run', width: 20 },
]

/**
 * `quantum jobs list`: the schedules and queue jobs `filter` selects, as a JSON array, or as a table
 * (`No jobs found.` when none) under `header` (where the jobs are read from) and a blank line.
 */
export async function listJobs(
  store: Store,
  queue: QueueAdapter,
  filter: ListFilter,
  format: JobsFormat,
  io: CliIO,
  header: string,
): Promise<number> {
  const rows = await gatherJobRows(store, filter, queue)
  if (format === 'json') {
    io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`)
    return 0
  }
  io.stdout.write(`${header}\n\n`)
  if (rows.length === 0) {
    io.stdout.write('No jobs found.\n')
  } else {
    const cells = rows.map((row) => [
      row.name,
      row.queue,
      row.status,
      tableTime(row.next_run),
      tableTime(row.last_run),
    ])
    io.stdout.write(formatTable(COLUMNS, cells))
  }
  return 0
}
