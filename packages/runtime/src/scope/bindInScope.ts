import type { Bindable, ParamNode } from '@quantum/ast'
import { bindValue } from '../expression/template'
import { andThen, type MaybePromise } from '../maybe'
import { type BindParametersOptions, bindParameters } from '../values/bindParameters'
import type { Context } from './context'

/**
 * How the interpreter binds parameters: a databound default is evaluated in `scope`, which holds the
 * parameters bound before it (a default may use them), and errors carry the run's file.
 */
export function scopeBinding(scope: Context): BindParametersOptions {
  return {
    file: scope.run.file,
    resolveDefault: (param, bound) => {
      Object.assign(scope.vars, bound)
      return bindValue(param.default as Bindable, scope)
    },
  }
}

/** Bind a component's, action's or function's `q:param`s from `given` into the variables of `scope`. */
export function bindInScope(
  params: readonly ParamNode[],
  given: Readonly<Record<string, unknown>>,
  scope: Context,
): MaybePromise<void> {
  return andThen(bindParameters(params, given, scopeBinding(scope)), (bound) => {
    Object.assign(scope.vars, bound)
  })
}
