import { hostname } from 'node:os'
import { ErrorCodes, type ParamNode, type SerializedError } from '@quantum/ast'
import { bindParameters } from '@quantum/runtime'
import { createLogger } from '@quantum/runtime/services'
import type { JobRecord, RunStatus, Store } from '@quantum/store'
import type { StoreContext } from '../commands/withStore'
import { formatValue } from '../format/runResult'
import type { CliIO } from '../io'
import { asDiagnostic, displayPath, errorText } from '../problems'
import { createStateFolder } from '../stateFolder'
import { jobFailed } from './failures'
import { hereServices } from './hereServices'

/**
 * `quantum jobs run NAME --sync` for a defined job: runs its body once in this process, as upstream's
 * synchronous run does (no queue, no retries), on a one-worker thread pool with the configuration's
 * services and the folder of the defining file as the app folder; the body's `q:job`, `q:schedule`,
 * `q:thread` and `q:invoke component=` work as on a worker. Params are checked as a worker checks them. One
 * history row (kind `job`, attempt 1). Prints `Job completed successfully.` and `Result: …`, or
 * `Job failed: <error>` and returns 1 (a timeout too).
 */
export async function runJobHere(
  store: Store,
  job: JobRecord,
  params: Record<string, unknown>,
  context: StoreContext,
  io: CliIO,
): Promise<number> {
  const { definition } = job
  let bound: Record<string, unknown>
  // Databound defaults are bound where the body runs, as on a worker.
  const defaults: ParamNode[] = []
  try {
    const file = definition.file === undefined ? {} : { file: definition.file }
    const defer = (param: ParamNode) => defaults.push(param)
    bound = { ...params, ...(await bindParameters(definition.params, params, { ...file, defer })) }
  } catch (error) {
    return jobFailed(asDiagnostic(error).code, errorText(error), io)
  }
  createStateFolder(context.globals.home, displayPath(context.globals.home, io.cwd))
  const logger = createLogger({
    write: (line) => io.stderr.write(`${line}\n`),
    minLevel: 'info',
    ringSize: 0,
  })
  // One worker for the job, as upstream runs it; threads it starts may take a few more slots.
  const { pool } = hereServices(store, definition.file, context, io, logger, { workers: 1, max: 4 })
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
      ...(defaults.length > 0 ? { defaults } : {}),
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
      const reason = status === 'timeout' ? `timed out after ${definition.timeoutMs} ms` : error?.message
      const code =
        status === 'timeout' ? ErrorCodes.QUEUE_TIMEOUT : (error?.code ?? ErrorCodes.QUEUE_JOB_FAILED)
      return jobFailed(code, reason ?? status, io)
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
