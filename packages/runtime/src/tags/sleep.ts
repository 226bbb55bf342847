import type { SleepNode } from '@quantum/ast'
import type { ExecutionHandler } from '../execute'
import { durationMs } from '../expression/duration'
import { andThen } from '../maybe'
import type { Context } from '../scope/context'

/** `<q:sleep duration>`: waits without blocking; a cancelled run wakes at once with its error. */
export const sleep: ExecutionHandler<SleepNode> = (node, ctx) =>
  andThen(durationMs(node.duration, ctx, node), (ms) => wait(ms, ctx, node))

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
