import { ErrorCodes, type ParamNode, QuantumError } from '@quantum/ast'
import type { BodyExecutor, BodyOutcome, JobDefinition, Logger, PortableBody } from '@quantum/runtime'
import { bindParameters } from '@quantum/runtime'
import { formatMilliseconds } from '@quantum/time'
import type { ActiveJob } from '../contract'
import { coded, permanentFailure } from '../internal/errors'
import type { Definitions } from './definitions'
import { notDefined } from './errors'
import type { HandlerOptions, JobFunction } from './types'

/** A function handler and its defaults. */
export interface Handler {
  // biome-ignore lint/suspicious/noExplicitAny: each handler has its own params type, checked where it is registered
  run: JobFunction<any, unknown>
  options: HandlerOptions
}

/** What running one attempt needs. */
export interface ExecuteContext {
  handlers: ReadonlyMap<string, Handler>
  definitions: Definitions
  executor: BodyExecutor | undefined
  logger: Logger | undefined
}

/**
 * Runs one attempt: a function handler registered here, else the stored definition's body on the
 * executor. Params are checked against the declared `q:param`s first (the runtime's one binder, its
 * messages); undeclared params pass through. Failures nothing can fix by running again (unknown job,
 * bad params) are permanent: the job fails at once instead of retrying.
 */
export async function executeJob(job: ActiveJob, context: ExecuteContext): Promise<unknown> {
  const handler = context.handlers.get(job.name)
  if (handler) return handler.run(await bind(handler.options.params ?? [], job.params), job)
  const definition = await context.definitions.get(job.name)
  if (!definition) throw permanentFailure(notDefined(job.name))
  // Databound defaults (`default="{…}"`) need an interpreter: they are bound where the body runs.
  const defaults: ParamNode[] = []
  const params = await bind(definition.params, job.params, definition.file, (param) => defaults.push(param))
  if (!context.executor)
    throw permanentFailure(
      coded(
        ErrorCodes.QUEUE_ERROR,
        `Job '${job.name}' has a .q body and this job service has no executor to run it (pass one to createJobService)`,
      ),
    )
  const outcome = await context.executor.execute({
    body: portableOf(definition),
    kind: 'job',
    params,
    ...(defaults.length > 0 && { defaults }),
    signal: job.signal,
    ...(job.timeoutMs !== null && { timeoutMs: job.timeoutMs }),
    ...(context.logger && { onLog: logTo(context.logger, job) }),
  })
  return resultOf(outcome, job)
}

async function bind(
  specs: JobDefinition['params'],
  given: Record<string, unknown>,
  file?: string,
  defer?: (param: ParamNode) => void,
): Promise<Record<string, unknown>> {
  try {
    const bound = await bindParameters(specs, given, {
      ...(file !== undefined && { file }),
      ...(defer && { defer }),
    })
    return { ...given, ...bound }
  } catch (error) {
    throw QuantumError.is(error) ? permanentFailure(error) : error
  }
}

/**
 * One portable body per definition read from the store: an executor that sees the same body object again
 * (the thread pool) sends it to each worker once, then only the params.
 */
const portables = new WeakMap<JobDefinition, PortableBody>()

function portableOf(definition: JobDefinition): PortableBody {
  let portable = portables.get(definition)
  if (!portable) {
    portable = portableBody(definition)
    portables.set(definition, portable)
  }
  return portable
}

function portableBody(definition: JobDefinition): PortableBody {
  const { body, functions, file, snapshot, session } = definition
  return {
    body,
    functions,
    snapshot,
    ...(file !== undefined && { file }),
    ...(session !== undefined && { session }),
  }
}

function resultOf(outcome: BodyOutcome, job: ActiveJob): unknown {
  if (outcome.status === 'completed') return outcome.result ?? null
  if (outcome.status === 'timeout')
    throw coded(ErrorCodes.QUEUE_TIMEOUT, `Job timed out after ${formatMilliseconds(job.timeoutMs ?? 0)}`, {
      id: job.id,
    })
  if (outcome.status === 'aborted') {
    // Stopped through its signal: the queue's reason (lease lost, processor stopping) says why.
    const reason = job.signal.reason
    throw reason instanceof Error ? reason : coded(ErrorCodes.QUEUE_ERROR, `Job ${job.id} was stopped`)
  }
  throw outcome.error
    ? QuantumError.fromJSON(outcome.error)
    : coded(ErrorCodes.QUEUE_JOB_FAILED, `Job '${job.name}' failed`)
}

function logTo(logger: Logger, job: ActiveJob) {
  return (entry: Parameters<Logger['log']>[0]) =>
    logger.log({ ...entry, message: `[job:${job.name} #${job.id}] ${entry.message}` })
}
