import type { InvokeNode } from '@quantum/ast'
import type { ExecutionHandler } from '../execute'
import { callFunctionByName } from '../expression/calls'
import { holds } from '../expression/when'
import { namedValues } from '../invoke/arguments'
import { callComponent } from '../invoke/component'
import { type HttpOutcome, invokeHttp } from '../invoke/http'
import { andThen } from '../maybe'
import type { Context } from '../scope/context'

/**
 * `<q:invoke function=>` calls a `q:function` with named `q:arg`/`q:param` values, `component= method=`
 * a function of another component, `url=` an HTTP endpoint. The value goes to `name` (an HTTP call's
 * parsed body), details to `<name>_result` and `result`. `when` false skips the call.
 */
export const invoke: ExecutionHandler<InvokeNode> = (node, ctx) =>
  andThen(holds(node.when, ctx), (when) => {
    if (!when) return undefined
    const started = performance.now()
    return andThen(namedValues([...node.args, ...node.params], ctx), (args) => {
      const called = (invocationType: string) => (value: unknown) => {
        store(node, ctx, value, { success: true, data: value, error: null, invocationType }, started)
        return undefined
      }
      if (node.function !== undefined)
        return andThen(callFunctionByName(node.function, { named: args }, ctx, node), called('function'))
      if (node.component) return callComponent(node, node.component, args, ctx).then(called('component'))
      return Promise.resolve(invokeHttp(node, args, ctx)).then(
        (outcome) => settle(node, ctx, outcome, started),
        // A wait between attempts ends with the run: its wall time is RUNTIME_LIMIT_EXCEEDED, a cancel RUNTIME_ABORTED.
        (error: unknown) => {
          throw ctx.run.signal?.aborted ? ctx.run.aborted(node) : error
        },
      )
    })
  })

function settle(node: InvokeNode, ctx: Context, outcome: HttpOutcome, started: number) {
  if (outcome.error !== undefined && ctx.run.signal?.aborted) throw ctx.run.aborted(node)
  store(node, ctx, outcome.value, outcome.details, started)
  if (outcome.error !== undefined) throw outcome.error
  return undefined
}

function store(
  node: InvokeNode,
  ctx: Context,
  value: unknown,
  details: Record<string, unknown>,
  started: number,
) {
  const result = { ...details, executionTime: Math.round(performance.now() - started) }
  if (node.name) {
    ctx.assign(node.name, value)
    ctx.assign(`${node.name}_result`, result)
  }
  if (node.result) ctx.assign(node.result, result)
}
