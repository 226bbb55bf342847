import { type Bindable, ValidationError } from '@quantum/ast'
import { checkTimeValue, type TimeValueKind, type TimeValues } from '@quantum/time'
import { andThen, type MaybePromise } from '../maybe'
import { errorAt, type Site } from '../run/errors'
import type { Context } from '../scope/context'
import { textOf } from './template'

/**
 * A time attribute (duration, cron, `at`, timezone) read now: a databound one is bound, then checked
 * with the parser's own check, so a bad value fails with the code and message `check` gives for the
 * same literal, as a `ValidationError` at the tag.
 */
export function timeValue<K extends TimeValueKind>(
  kind: K,
  value: Bindable,
  ctx: Context,
  site: Site,
): MaybePromise<TimeValues[K]> {
  return andThen(textOf(value, ctx), (text) => {
    const result = checkTimeValue(kind, text)
    if (!result.ok) throw errorAt(ValidationError, result.code, result.message, ctx.run.at(site))
    return result.value
  })
}
