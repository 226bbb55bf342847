import { ErrorCodes, type FunctionNode, type Position } from '@quantum/ast'
import { all as allStatements } from '../execute'
import { andThen, isPromise, type MaybePromise } from '../maybe'
import { runtimeError } from '../run/errors'
import { bindInScope } from '../scope/bindInScope'
import type { Context } from '../scope/context'
import { createVars } from '../values/missing'

/** Arguments of a call: by position (`{f(a, b)}`) and/or by name (`q:invoke` with `q:arg`). */
export interface CallArguments {
  positional?: unknown[]
  named?: Record<string, unknown>
}

/** Call the `q:function` called `name`. */
export function callFunctionByName(
  name: string,
  args: CallArguments,
  ctx: Context,
  site: { position?: Position | undefined },
) {
  const fn = ctx.run.functions.get(name)
  if (!fn)
    throw runtimeError(ErrorCodes.RUNTIME_NOT_FOUND, `Function '${name}' is not defined`, ctx.run.at(site))
  return callFunction(fn, args, ctx, site)
}

/**
 * Call a `q:function`: a new function scope under the component's, parameters bound (defaults,
 * `required`, types), the body run to its `q:return`. Returns null without one.
 */
export function callFunction(
  fn: FunctionNode,
  args: CallArguments,
  ctx: Context,
  site: { position?: Position | undefined },
): MaybePromise<unknown> {
  const run = ctx.run
  if (run.depth >= run.limits.maxCallDepth) {
    throw runtimeError(
      ErrorCodes.RUNTIME_LIMIT_EXCEEDED,
      `function calls nested deeper than ${run.limits.maxCallDepth}`,
      run.at(site),
    )
  }
  const vars = createVars(args.named)
  const scope = ctx.root().child('function', vars)
  run.depth++
  let result: MaybePromise<unknown>
  try {
    result = andThen(
      andThen(bindInScope(fn.params, givenArguments(fn, args), scope), () => allStatements(fn.body, scope)),
      (flow) => (flow?.kind === 'return' ? flow.value : null),
    )
  } catch (error) {
    run.depth--
    throw error
  }
  // However the body ends (value, error, later or now), the call is over.
  if (isPromise(result)) return result.finally(() => run.depth--)
  run.depth--
  return result
}

/** The arguments by parameter name: a named one wins over the positional one at the same place. */
function givenArguments(fn: FunctionNode, args: CallArguments): Record<string, unknown> {
  const given = createVars(args.named)
  const positional = args.positional ?? []
  fn.params.forEach((param, i) => {
    if (!Object.hasOwn(given, param.name) && i < positional.length) given[param.name] = positional[i]
  })
  return given
}
