import { type Backoff, ErrorCodes, type JobNode, type ParamNode } from '@quantum/ast'
import { all as allStatements, type ExecutionHandler } from '../execute'
import { durationMs } from '../expression/duration'
import { bindValue, textOf } from '../expression/template'
import { portable, publish } from '../jobs/portable'
import type { DispatchRequest, JobService } from '../jobs/types'
import { andThen, type MaybePromise, sequence, withCleanup } from '../maybe'
import { runtimeError } from '../run/errors'
import { need } from '../run/need'
import { defineRegister } from '../run/registers'
import type { Context } from '../scope/context'
import { observeIterations } from './loop'

const DEFAULT_BACKOFF: Backoff = { kind: 'exponential', delay: 30_000 }

/** Collects the jobs of a `q:job action="batch"`: one per loop iteration that set a `q:param`. */
interface BatchCollector {
  param(name: string, value: unknown): void
  /** End of a loop iteration (or of the batch body): the params set since become one job. */
  flush(): void
}

/** The collectors of the batches whose bodies are running, by the context of each body. */
const batches = defineRegister('q:job: open batches', () => new Map<Context, BatchCollector>())

/** Give a `q:param` statement's value to the batch whose body it runs in (none outside one). */
export function addBatchParam(ctx: Context, name: string, value: unknown) {
  ctx.nearest(ctx.run.registers.get(batches))?.param(name, value)
}

/**
 * `<q:job>`: `define` registers params, body and defaults; `dispatch`
 * enqueues one job with its databound `q:param` values; `batch` runs its body and enqueues one job
 * per loop iteration that set `q:param`s (direct `q:param`s are defaults for every job).
 */
export const job: ExecutionHandler<JobNode> = (node, ctx) => {
  const service = need(ctx, 'jobs', 'job', node)
  return andThen(options(node, ctx), (base) => {
    if (node.action === 'define') return define(node, ctx, service, base)
    return andThen(params(node.params, ctx), (shared) => {
      if (node.action === 'dispatch') {
        return service.dispatch({ ...base, name: node.name, params: shared }).then((receipt) => {
          const info = {
            job_id: receipt.id,
            name: node.name,
            queue: receipt.queue,
            action: 'dispatch',
            params: shared,
            success: true,
          }
          publish(ctx, [`dispatched_job_${node.name}`, `${node.name}_job`], info)
          return undefined
        })
      }
      return batch(node, ctx, service, base, shared)
    })
  })
}

/** What a `q:job` tag may set on the jobs it dispatches (the definition supplies the rest). */
type JobOptions = Omit<DispatchRequest, 'name' | 'params'>

function options(node: JobNode, ctx: Context): MaybePromise<JobOptions> {
  const parts = [
    () => (node.queue === undefined ? undefined : textOf(node.queue, ctx)),
    () => (node.delay === undefined ? undefined : durationMs(node.delay, ctx, node)),
    () => (node.timeout === undefined ? undefined : durationMs(node.timeout, ctx, node)),
  ]
  return andThen(sequence<unknown>(parts), ([queue, delayMs, timeoutMs]) => {
    const result: JobOptions = {}
    if (queue !== undefined) result.queue = queue as string
    if (delayMs !== undefined) result.delayMs = delayMs as number
    if (timeoutMs !== undefined) result.timeoutMs = timeoutMs as number
    if (node.priority !== undefined) result.priority = node.priority
    if (node.attempts !== undefined) result.attempts = node.attempts
    if (node.backoff !== undefined) result.backoff = node.backoff
    return result
  })
}

function params(list: ParamNode[], ctx: Context): MaybePromise<Record<string, unknown>> {
  return andThen(
    sequence(list.map((param) => () => (param.value === undefined ? null : bindValue(param.value, ctx)))),
    (values) => Object.fromEntries(list.map((param, i) => [param.name, values[i]])),
  )
}

function define(node: JobNode, ctx: Context, service: JobService, base: JobOptions) {
  const { delayMs, timeoutMs, ...rest } = base
  const definition = {
    ...portable(node.body, ctx),
    name: node.name,
    queue: rest.queue ?? 'default',
    params: node.params,
    attempts: rest.attempts ?? 3,
    backoff: rest.backoff ?? DEFAULT_BACKOFF,
    priority: rest.priority ?? 0,
    ...(delayMs === undefined ? {} : { delayMs }),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  }
  return service.define(definition).then(() => {
    const info = { name: node.name, action: 'define', queue: definition.queue, success: true }
    publish(ctx, [`job_${node.name}`, `${node.name}_job`], info)
    return undefined
  })
}

function batch(
  node: JobNode,
  ctx: Context,
  service: JobService,
  base: JobOptions,
  shared: Record<string, unknown>,
) {
  const requests: DispatchRequest[] = []
  const max = ctx.run.limits.maxBatchJobs
  let current: Record<string, unknown> | undefined
  const collector: BatchCollector = {
    param(name, value) {
      current ??= {}
      current[name] = value
    },
    flush() {
      if (!current) return
      if (requests.length >= max) throw batchTooLarge(node, ctx, max)
      requests.push({ ...base, name: node.name, params: { ...shared, ...current } })
      current = undefined
    },
  }
  const scope = ctx.child('job')
  const open = ctx.run.registers.get(batches)
  open.set(scope, collector)
  const unobserve = observeIterations(scope, () => collector.flush())
  const close = () => {
    open.delete(scope)
    unobserve()
  }
  return andThen(
    withCleanup(() => allStatements(node.body, scope), close),
    () => {
      collector.flush()
      return service.dispatchBatch(requests).then((receipts) => {
        const info = {
          job_ids: receipts.map((receipt) => receipt.id),
          name: node.name,
          queue: receipts[0]?.queue ?? base.queue ?? 'default',
          action: 'batch',
          count: receipts.length,
          success: true,
        }
        publish(ctx, [`batch_job_${node.name}`, `${node.name}_job`], info)
        return undefined
      })
    },
  )
}

/** `RUNTIME_LIMIT_EXCEEDED` at the `q:job`: its batch collects more than `limits.maxBatchJobs` jobs. */
function batchTooLarge(node: JobNode, ctx: Context, max: number) {
  return runtimeError(
    ErrorCodes.RUNTIME_LIMIT_EXCEEDED,
    `batch of job '${node.name}' has more than ${max} jobs (limits.maxBatchJobs); split it into several batches`,
    ctx.run.at(node),
    undefined,
    { limit: 'maxBatchJobs', max },
  )
}
