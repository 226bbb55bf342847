import type { Bindable, Template } from '@quantum/ast'
import { andThen, type MaybePromise, sequence } from '../maybe'
import type { Context } from '../scope/context'
import { MISSING } from '../values/missing'
import { toText } from '../values/render'
import { resolve } from './evaluate'

/** The one `{expr}` of a template whose other parts are only whitespace, if it is such a template. */
export function loneInterpolation(value: Bindable): Exclude<Template['parts'][number], string> | undefined {
  if (typeof value === 'string') return undefined
  let found: Template['parts'][number] | undefined
  for (const part of value.parts) {
    if (typeof part === 'string') {
      if (part.trim() !== '') return undefined
    } else if (found) return undefined
    else found = part
  }
  return typeof found === 'object' ? found : undefined
}

/**
 * The value of an attribute or text: a whole-value `{expr}` keeps its type (a number, an array…),
 * anything else renders to text. An unknown name keeps its `{name}` text (upstream behaviour).
 */
export function bindValue(value: Bindable, ctx: Context): MaybePromise<unknown> {
  if (typeof value === 'string') return value
  const whole = loneInterpolation(value)
  if (whole)
    return andThen(resolve(whole.expression, ctx), (resolved) =>
      resolved === MISSING ? `{${whole.source}}` : resolved,
    )
  return textOf(value, ctx)
}

/**
 * The text of an attribute or text, each interpolation rendered. With `encode`
 * (HTML output), every part goes through it: the literal text was decoded by the parser, so
 * `a &lt; b` in source must be encoded again to stay what the author wrote.
 */
export function textOf(
  value: Bindable,
  ctx: Context,
  encode?: (text: string) => string,
): MaybePromise<string> {
  const out = encode ?? ((text: string) => text)
  if (typeof value === 'string') return out(value)
  const parts = value.parts.map(
    (part) => () =>
      typeof part === 'string'
        ? out(part)
        : andThen(resolve(part.expression, ctx), (resolved) =>
            out(resolved === MISSING ? `{${part.source}}` : toText(resolved, ctx.run.bounds)),
          ),
  )
  return andThen(sequence(parts), (texts) => {
    let length = 0
    for (const text of texts) length += text.length
    // The joined text is the sum of its parts: check before building it.
    ctx.run.checkLength(length, ctx.run.at(value))
    return texts.join('')
  })
}
