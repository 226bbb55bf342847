import type { QueueAdapter } from '@quantum/queue'
import type { Store } from '@quantum/store'
import { tableTime } from '../format/instant'
import { type Column, formatTable } from '../format/table'
import type { CliIO } from '../io'
import { gatherJobRows, type ListFilter, type ListPage } from './rows'

/** How the job commands print: upstream's tables, or JSON. */
export type JobsFormat = 'table' | 'json'

const COLUMNS: Column[] = [
  { header: 'ID', width: 8 },
  { header: 'Name', width: 25 },
  { header: 'Queue', width: 15 },
  { header: 'Status', width: 10 },
  { header: 'Next Run', width: 20 },
  { header: 'Last Run', width: 20 },
]

/** `quantum jobs list`'s rows `--limit` shows by default. */
export const DEFAULT_LIST_LIMIT = 50

/**
 * `quantum jobs list`: one page of the schedules and queue jobs `filter` selects (schedules by name,
 * then jobs newest first), as a JSON array, or as a table under `header` (where the rows are read from)
 * and a blank line, `No jobs found.` when there are none. When rows are left after the page, a line says
 * how many and the `--offset` that shows them (on stderr with JSON, so stdout stays one array).
 */
export async function listJobs(
  store: Store,
  queue: QueueAdapter,
  filter: ListFilter & ListPage,
  format: JobsFormat,
  io: CliIO,
  header: string,
): Promise<number> {
  const { rows, total } = await gatherJobRows(store, filter, filter, queue)
  const after = filter.offset + rows.length
  const more = total > after ? `… ${total - after} more (use --offset ${after})\n` : ''
  if (format === 'json') {
    io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`)
    io.stderr.write(more)
    return 0
  }
  io.stdout.write(`${header}\n\n`)
  if (rows.length === 0) {
    io.stdout.write(
      total > 0 ? `No jobs at --offset ${filter.offset} (${total} in all).\n` : 'No jobs found.\n',
    )
    return 0
  }
  const cells = rows.map((row) => [
    // Schedules are named, not numbered, in every command: only a job's ID is shown.
    row.type === 'job' ? String(row.id) : null,
    row.name,
    row.queue,
    row.status,
    tableTime(row.next_run),
    tableTime(row.last_run),
  ])
  io.stdout.write(formatTable(COLUMNS, cells) + more)
  return 0
}
