import { ErrorCodes, parseDuration, type SleepNode } from '@quantum/ast'
import type { ExecutionHandler } from '../execute'
import { textOf } from '../expression/template'
import { andThen } from '../maybe'
import { runtimeError } from '../run/errors'
import type { Context } from '../scope/context'

/** `<q:sleep duration>`: waits without blocking; a cancelled run wakes at once with its error. */
export const sleep: ExecutionHandler<SleepNode> = (node, ctx) =>
  andThen(durationMs(node.duration, ctx, node), (ms) => wait(ms, ctx, node))

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

function wait(ms: number, ctx: Context, node: SleepNode): Promise<undefined> {
  const signal = ctx.run.signal
  if (signal?.aborted) return Promise.reject(ctx.run.aborted(node))
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer)
      reject(ctx.run.aborted(node))
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve(undefined)
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
