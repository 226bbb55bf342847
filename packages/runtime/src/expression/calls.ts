import { ErrorCodes, type FunctionNode, type Position } from '@quantum/ast'
import { all as allStatements } from '../execute'
import { andThen, type MaybePromise } from '../maybe'
import { runtimeError } from '../run/errors'
import type { Context } from '../scope/context'
import { ConversionError, convertTo } from '../values/convert'
import { createVars } from '../values/missing'
import { bindValue } from './template'

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
  const bound = bindParams(fn, args, scope)
  run.depth++
  const finish = (value: unknown) => {
    run.depth--
    return value
  }
  try {
    return andThen(
      andThen(bound, () => allStatements(fn.body, scope)),
      (flow) => finish(flow?.kind === 'return' ? flow.value : null),
    )
  } catch (error) {
    run.depth--
    throw error
  }
}

function bindParams(fn: FunctionNode, args: CallArguments, scope: Context): MaybePromise<unknown> {
  const steps = fn.params.map((param, i) => {
    const given =
      args.named && Object.hasOwn(args.named, param.name) ? args.named[param.name] : args.positional?.[i]
    const provided =
      given === undefined || given === null
        ? param.default === undefined
          ? given
          : bindValue(param.default, scope)
        : given
    return andThen(provided, (value) => {
      if ((value === undefined || value === null) && param.required) {
        throw runtimeError(
          ErrorCodes.RUNTIME_PARAM,
          `Required parameter '${param.name}' not provided`,
          scope.run.at(param),
        )
      }
      let converted: unknown = value ?? null
      if (converted !== null && param.datatype) {
        try {
          converted = convertTo(converted, param.datatype)
        } catch (error) {
          if (!(error instanceof ConversionError)) throw error
          throw runtimeError(
            ErrorCodes.RUNTIME_PARAM,
            `Parameter '${param.name}' of '${fn.name}': ${error.message}`,
            scope.run.at(param),
          )
        }
      }
      scope.vars[param.name] = converted
    })
  })
  return andThen(steps.some((step) => step instanceof Promise) ? Promise.all(steps) : steps, () => undefined)
}
