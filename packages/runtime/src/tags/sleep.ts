import type { SleepNode } from '@quantum/ast'
import type { ExecutionHandler } from '../execute'
import { durationMs } from '../expression/duration'
import { andThen } from '../maybe'
import { pause } from '../run/pause'

/** `<q:sleep duration>`: waits without blocking; a cancelled run wakes at once with its error. */
export const sleep: ExecutionHandler<SleepNode> = (node, ctx) =>
  andThen(durationMs(node.duration, ctx, node), (ms) =>
    pause(ms, ctx.run.signal).then(
      () => undefined,
      () => {
        throw ctx.run.aborted(node)
      },
    ),
  )
