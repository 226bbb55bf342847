import { ErrorCodes } from '@quantum/ast'
import { createLogger } from '@quantum/runtime/services'
import type { RunRecord, Store } from '@quantum/store'
import type { StoreContext } from '../commands/withStore'
import { formatValue } from '../format/runResult'
import { HostConsole } from '../hosting/hostConsole'
import { createScheduleHost } from '../hosting/scheduleHost'
import type { CliIO } from '../io'
import { displayPath } from '../problems'
import { createStateFolder } from '../stateFolder'
import { jobFailed } from './failures'
import { hereServices } from './hereServices'

/**
 * Fire schedule `name` once in this process, as a worker would (its lock, history row, state), with
 * the services of the configuration (the app folder: the folder of the file that defined it). Prints
 * `Job completed successfully.` and `Result: …`, or `Job failed: <error>` and returns 1 (a timeout too).
 * The fire's events and log lines go to stderr.
 */
export async function runScheduleHere(
  store: Store,
  name: string,
  context: StoreContext,
  io: CliIO,
): Promise<number> {
  const { globals, config } = context
  // The body's default datasource and outbox live in the state folder, even when the store is on Redis.
  createStateFolder(globals.home, displayPath(globals.home, io.cwd))
  const console = new HostConsole(io.stderr, io.stderr, false)
  const logger = createLogger({ write: (line) => console.err(line), minLevel: 'info', ringSize: 0 })
  const file = (await store.getSchedule(name))?.definition.file
  const { bodies, lend, pool } = hereServices(store, file, context, io, logger, config.threads)
  const host = createScheduleHost({
    store,
    lend,
    bodies,
    ...(config.scheduler ? { scheduler: config.scheduler } : {}),
    console,
    logger,
    details: { command: 'jobs run' },
  })
  let rows: RunRecord[]
  try {
    rows = await host.scheduler.runNow(name)
  } finally {
    await host.stop()
    await pool.close()
  }
  return printOutcome(rows.at(-1), io)
}

/** Upstream's lines for a synchronous run, from the fire's last history row. */
function printOutcome(row: RunRecord | undefined, io: CliIO): number {
  if (!row) return jobFailed(ErrorCodes.SCHEDULE_ERROR, 'another process fired it at the same instant', io)
  if (row.status === 'success' || row.status === 'late') {
    io.stdout.write('Job completed successfully.\n')
    if (row.result !== null && row.result !== undefined)
      io.stdout.write(`Result: ${formatValue(row.result)}\n`)
    return 0
  }
  const reason =
    row.error?.message ??
    (row.status === 'skipped' ? 'the previous fire is still running (overlap="false")' : row.status)
  const code =
    row.error?.code ?? (row.status === 'timeout' ? ErrorCodes.SCHEDULE_TIMEOUT : ErrorCodes.SCHEDULE_ERROR)
  return jobFailed(code, reason, io)
}
