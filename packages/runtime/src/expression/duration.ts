import { ErrorCodes, type SleepNode } from '@quantum/ast'
import { parseDuration } from '@quantum/time'
import { andThen } from '../maybe'
import { runtimeError } from '../run/errors'
import type { Context } from '../scope/context'
import { textOf } from './template'

/** A duration attribute in milliseconds, reading a databound one (`{seconds}s`) now. */
export function durationMs(
  value: SleepNode['duration'],
  ctx: Context,
  site: { position?: SleepNode['position'] },
) {
  if (typeof value === 'number') return value
  return andThen(textOf(value, ctx), (text) => {
    const result = parseDuration(text)
    if (!result.ok) throw runtimeError(ErrorCodes.RUNTIME_TYPE_ERROR, result.message, ctx.run.at(site))
    return result.ms
  })
}
