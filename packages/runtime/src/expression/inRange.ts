import { ErrorCodes, type Expression } from '@quantum/ast'
import { runtimeError } from '../run/errors'
import type { Context } from '../scope/context'

/**
 * `value`, unless it is a number or a date JavaScript cannot stand for (NaN, ±Infinity, a date past
 * ±100,000,000 days from 1970): what an argument out of range makes of a builtin's or an operator's
 * result. Such a value would render as `null` or `NaN-NaN-NaN`, so it is an error where it is made.
 *
 * @param what the function or operator, as the message names it (`round()`, `"*"`)
 * @throws RuntimeError `RUNTIME_TYPE_ERROR` at `node`
 */
export function inRange<T>(value: T, what: string, ctx: Context, node: Expression): T {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw runtimeError(
      ErrorCodes.RUNTIME_TYPE_ERROR,
      `${what} gives ${value}, not a finite number (an argument is out of range)`,
      ctx.run.at(node),
    )
  }
  if (value instanceof Date && Number.isNaN(value.getTime())) {
    throw runtimeError(
      ErrorCodes.RUNTIME_TYPE_ERROR,
      `${what} gives a date outside the range of dates (years -271821 to 275760)`,
      ctx.run.at(node),
    )
  }
  return value
}
