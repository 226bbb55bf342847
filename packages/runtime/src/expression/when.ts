import type { Bindable } from '@quantum/ast'
import { andThen, type MaybePromise } from '../maybe'
import type { Context } from '../scope/context'
import { truthy } from '../values/truthy'
import { evaluate } from './evaluate'
import { bindValue, loneInterpolation } from './template'

/**
 * A `when` attribute, read as a condition: absent is true; a lone `{expr}` is evaluated, so an
 * unknown name is null (false) rather than its `{name}` text; other text is
 * databound and judged by its truthiness (`when="false"` is false).
 */
export function holds(when: Bindable | undefined, ctx: Context): MaybePromise<boolean> {
  if (when === undefined) return true
  const only = loneInterpolation(when)
  return andThen(only ? evaluate(only.expression, ctx) : bindValue(when, ctx), truthy)
}
