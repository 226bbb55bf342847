import { ErrorCodes, type Statement } from '@quantum/ast'
import { isPromise, type MaybePromise } from './maybe'
import { locate, runtimeError, type Site } from './run/errors'
import type { Context } from './scope/context'

/** What a statement tells the body around it: go on (undefined), or leave a loop or a function. */
/**
 * How a statement ends its block: normally (`undefined`), or by `break`, `continue` or `return`. A
 * return says where it was (`site`), for the errors of a value that cannot leave the run.
 */
export type Flow =
  | undefined
  | { kind: 'break' }
  | { kind: 'continue' }
  | { kind: 'return'; value: unknown; site?: Site }

export const BREAK: Flow = { kind: 'break' }
export const CONTINUE: Flow = { kind: 'continue' }

/** Runs one node type. Returns synchronously whenever it can (see `maybe.ts`). */
export type ExecutionHandler<TNode = Statement> = (node: TNode, ctx: Context) => MaybePromise<Flow>

/** One execution handler per statement type; the type makes the map exhaustive over the AST union. */
export type HandlerMap = { [K in Statement['type']]: ExecutionHandler<Extract<Statement, { type: K }>> }

/** Execute one statement: cancellation, limits and the event-loop yield first, then its handler. */
export function one(node: Statement, ctx: Context): MaybePromise<Flow> {
  // step() reports at the node itself; no location object is built unless something fails.
  const waited = ctx.run.step(node)
  return waited ? waited.then(() => dispatch(node, ctx)) : dispatch(node, ctx)
}

function dispatch(node: Statement, ctx: Context): MaybePromise<Flow> {
  const handler = ctx.run.handlers[node.type] as ExecutionHandler | undefined
  if (!handler) {
    throw runtimeError(
      ErrorCodes.RUNTIME_ERROR,
      `Cannot execute unknown node "${(node as { type: string }).type}"`,
      ctx.run.at(node),
    )
  }
  try {
    const flow = handler(node, ctx)
    return isPromise(flow)
      ? flow.catch((error: unknown) => {
          throw locate(error, ctx.run.at(node))
        })
      : flow
  } catch (error) {
    throw locate(error, ctx.run.at(node))
  }
}

/** Execute a body in order; stops at the first break, continue or return and hands it up. */
export function all(body: readonly Statement[], ctx: Context, from = 0): MaybePromise<Flow> {
  for (let i = from; i < body.length; i++) {
    const flow = one(body[i] as Statement, ctx)
    if (isPromise(flow)) return flow.then((settled) => (settled ? settled : all(body, ctx, i + 1)))
    if (flow) return flow
  }
  return undefined
}
