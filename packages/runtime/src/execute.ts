import { ErrorCodes, type Statement } from '@quantum/ast'
import { isPromise, type MaybePromise } from './maybe'
import { locate, runtimeError } from './run/errors'
import type { Context } from './scope/context'

/** What a statement tells the body around it: go on (undefined), or leave a loop or a function. */
export type Flow = undefined | { kind: 'break' } | { kind: 'continue' } | { kind: 'return'; value: unknown }

export const BREAK: Flow = { kind: 'break' }
export const CONTINUE: Flow = { kind: 'continue' }

/** Runs one node type. Returns synchronously whenever it can (see `maybe.ts`). */
export type ExecutionHandler<TNode = Statement> = (node: TNode, ctx: Context) => MaybePromise<Flow>

/** One execution handler per statement type; the type makes the map exhaustive over the AST union. */
export type HandlerMap = { [K in Statement['type']]: ExecutionHandler<Extract<Statement, { type: K }>> }

/** Execute one statement: cancellation, limits and the event-loop yield first, then its handler. */
export function one(node: Statement, ctx: Context): MaybePromise<Flow> {
  const run = ctx.run
  const site = { position: node.position, file: run.file }
  try {
    const waited = run.step(site)
    if (waited) return waited.then(() => dispatch(node, ctx, site))
    return dispatch(node, ctx, site)
  } catch (error) {
    throw locate(error, site)
  }
}

function dispatch(
  node: Statement,
  ctx: Context,
  site: { position: Statement['position']; file: string | undefined },
) {
  const handler = ctx.run.handlers[node.type] as ExecutionHandler | undefined
  if (!handler) {
    throw runtimeError(
      ErrorCodes.RUNTIME_ERROR,
      `Cannot execute unknown node "${(node as { type: string }).type}"`,
      site,
    )
  }
  try {
    const flow = handler(node, ctx)
    return isPromise(flow)
      ? flow.catch((error: unknown) => {
          throw locate(error, site)
        })
      : flow
  } catch (error) {
    throw locate(error, site)
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
