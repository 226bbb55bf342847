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

const MAX_TIMER = 2_147_483_647

function wait(ms: number, ctx: Context, node: SleepNode): Promise<undefined> {
  const signal = ctx.run.signal
  if (signal?.aborted) return Promise.reject(ctx.run.aborted(node))
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer)
      reject(ctx.run.aborted(node))
    }
    // setTimeout caps at 2^31-1 ms (about 24.8 days); longer sleeps are armed in pieces.
    let timer: NodeJS.Timeout
    const arm = (remaining: number) => {
      timer = setTimeout(
        () => {
          if (remaining > MAX_TIMER) return arm(remaining - MAX_TIMER)
          signal?.removeEventListener('abort', onAbort)
          resolve(undefined)
        },
        Math.min(remaining, MAX_TIMER),
      )
    }
    arm(ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
