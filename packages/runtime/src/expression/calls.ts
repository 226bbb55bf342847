import { ErrorCodes, type FunctionNode, type Position } from '@quantum/ast'
import { all as allStatements } from '../execute'
import { andThen, isPromise, type MaybePromise, mapSequential } from '../maybe'
import { runtimeError } from '../run/errors'
import type { Context } from '../scope/context'
import { ConversionError } from '../values/convert'
import { convertWithin } from '../values/convertWithin'
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
  run.depth++
  let result: MaybePromise<unknown>
  try {
    result = andThen(
      andThen(bindParams(fn, args, scope), () => allStatements(fn.body, scope)),
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

function bindParams(fn: FunctionNode, args: CallArguments, scope: Context): MaybePromise<unknown> {
  return mapSequential(fn.params, (param, i) => {
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
          converted = convertWithin(converted, param.datatype, scope.run.bounds)
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
}
