import { ErrorCodes, type InvokeComponent, type InvokeNode } from '@quantum/ast'
import { callFunction } from '../expression/calls'
import { runtimeError } from '../run/errors'
import { need } from '../run/need'
import { Context } from '../scope/context'
import type { ComponentRequest } from '../services/types'
import { createVars } from '../values/missing'

/**
 * `q:invoke component="UserService" method="getUser"`: the host's sources find and parse
 * `UserService.q`; its function runs with the named arguments as that component's code (its own
 * functions, its own component scope, errors located in its file) and shares the run's session,
 * limits and cancellation.
 */
export async function callComponent(
  node: InvokeNode,
  target: InvokeComponent,
  args: Record<string, unknown>,
  ctx: Context,
): Promise<unknown> {
  const run = ctx.run
  const caller = run.at(node)
  const request: ComponentRequest = { name: target.name }
  if (caller.file !== undefined) request.from = caller.file
  const { file, document } = await need(ctx, 'sources', 'invoke', node).component(request)
  const functions = new Map(document.component.functions.map((fn) => [fn.name, fn]))
  const fn = functions.get(target.method)
  if (!fn) {
    const names = [...functions.keys()]
    throw runtimeError(
      ErrorCodes.RUNTIME_NOT_FOUND,
      `Component '${target.name}' (${file}) has no function '${target.method}'; ${names.length > 0 ? `its functions are: ${names.join(', ')}` : 'it defines none'}`,
      caller,
      undefined,
      { component: target.name, method: target.method },
    )
  }
  const root = new Context(run, { ...ctx.shared, component: createVars() }, undefined, 'root')
  return run.inDocument({ file, functions }, () => callFunction(fn, { named: args }, root, caller))
}
