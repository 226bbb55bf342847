import { mkdir } from 'node:fs/promises'
import { hostname } from 'node:os'
import type { SerializedError } from '@quantum/ast'
import { bindParameters } from '@quantum/runtime'
import { createLogger } from '@quantum/runtime/services'
import type { JobRecord, RunStatus, Store } from '@quantum/store'
import { createThreadPool } from '@quantum/threads'
import type { StoreContext } from '../commands/withStore'
import { formatValue } from '../format/runResult'
import type { CliIO } from '../io'
import { errorText } from '../problems'
import { bodyServicesConfig } from '../services'

/**
 * `quantum jobs run NAME --sync` for a defined job: runs its body once in this process, as upstream's
 * synchronous run does (no queue, no retries), on a one-worker thread pool with the configuration's
 * services and the working directory as the app folder. Params are checked as a worker checks them. One
 * history row (kind `job`, attempt 1). Prints `Job completed successfully.` and `Result: …`, or
 * `Job failed: <error>` and returns 1 (a timeout too).
 */
export async function runJobHere(
  store: Store,
  job: JobRecord,
  params: Record<string, unknown>,
  { globals, config }: StoreContext,
  io: CliIO,
): Promise<number> {
  const { definition } = job
  let bound: Record<string, unknown>
  try {
    const file = definition.file === undefined ? {} : { file: definition.file }
    bound = { ...params, ...(await bindParameters(definition.params, params, file)) }
  } catch (error) {
    io.stderr.write(`Job failed: ${errorText(error)}\n`)
    return 1
  }
  await mkdir(globals.home, { recursive: true })
  const logger = createLogger({
    write: (line) => io.stderr.write(`${line}\n`),
    minLevel: 'info',
    ringSize: 0,
  })
  const services = bodyServicesConfig(config, { home: globals.home, appFolders: [io.cwd], cwd: io.cwd })
  const pool = createThreadPool({ workers: 1, max: 1, services })
  const startedAt = new Date()
  try {
    const { body, functions, snapshot, file, session } = definition
    const outcome = await pool.execute({
      body: {
        body,
        functions,
        snapshot,
        ...(file === undefined ? {} : { file }),
        ...(session ? { session } : {}),
      },
      kind: 'job',
      params: bound,
      ...(io.signal ? { signal: io.signal } : {}),
      ...(definition.timeoutMs === undefined ? {} : { timeoutMs: definition.timeoutMs }),
      onLog: (entry) => logger.log({ ...entry, message: `[job:${job.name}] ${entry.message}` }),
    })
    const status: RunStatus =
      outcome.status === 'completed' ? 'success' : outcome.status === 'timeout' ? 'timeout' : 'error'
    const error: SerializedError | null =
      status === 'success'
        ? null
        : (outcome.error ?? {
            name: 'QueueError',
            code: 'QUEUE_JOB_FAILED',
            message: `Job '${job.name}' ${outcome.status}`,
          })
    await store.recordRun({
      kind: 'job',
      name: job.name,
      status,
      startedAt,
      completedAt: new Date(),
      workerId: `${hostname()}:${process.pid}`,
      queue: definition.queue,
      result: status === 'success' ? (outcome.result ?? null) : null,
      error,
    })
    if (status !== 'success') {
      io.stderr.write(
        `Job failed: ${status === 'timeout' ? `timed out after ${definition.timeoutMs} ms` : error?.message}\n`,
      )
      return 1
    }
    io.stdout.write('Job completed successfully.\n')
    if (outcome.result !== undefined && outcome.result !== null) {
      io.stdout.write(`Result: ${formatValue(outcome.result)}\n`)
    }
    return 0
  } finally {
    await pool.close()
  }
}
