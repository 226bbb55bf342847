import { QuantumError, type ThreadNode } from '@quantum/ast'
import type { ExecutionHandler } from '../execute'
import { callFunctionByName } from '../expression/calls'
import { durationMs } from '../expression/duration'
import { portable, publish } from '../jobs/portable'
import type { ThreadInfo } from '../jobs/types'
import { andThen } from '../maybe'
import { need } from '../run/need'
import { defineRegister } from '../run/registers'
import type { RunState } from '../run/state'
import type { Context } from '../scope/context'
import { createVars, LENIENT_SCOPES, type Vars } from '../values/missing'

/** The latest state of each thread the run started, by name; published as the variable `thread`. */
export const threadStates = defineRegister('q:thread: thread states by name', (): Vars => {
  const states = createVars()
  LENIENT_SCOPES.add(states)
  return states
})

/** The threads a run started, as its result reports them. */
export function threadsOf(run: RunState): Record<string, ThreadInfo> {
  return { ...run.registers.get(threadStates) } as Record<string, ThreadInfo>
}

/**
 * `<q:thread>`: `run` starts the body on the host's ThreadService with a snapshot of the visible
 * variables; `join` waits (at most `timeout`) and publishes the final state; `terminate` stops it.
 * The state is visible as `thread.<name>`, `thread_<name>` and `<name>_thread`.
 */
export const thread: ExecutionHandler<ThreadNode> = (node, ctx) => {
  const service = need(ctx, 'threads', 'thread', node)
  const timeout = node.timeout === undefined ? undefined : durationMs(node.timeout, ctx, node)
  return andThen(timeout, (timeoutMs) => {
    if (node.action === 'join') return service.join(node.name, timeoutMs).then((info) => show(ctx, info))
    if (node.action === 'terminate') {
      return service.terminate(node.name).then((success) => {
        const info = service.get(node.name)
        if (info) show(ctx, info)
        ctx.vars._thread_terminate = { name: node.name, action: 'terminate', success }
        return undefined
      })
    }
    const request = {
      ...portable(node.body, ctx),
      name: node.name,
      priority: node.priority,
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
      settled: (info: ThreadInfo) => settled(node, info, ctx),
    }
    return service.run(request).then((info) => show(ctx, info))
  })
}

function show(ctx: Context, info: ThreadInfo) {
  ctx.run.registers.get(threadStates)[info.name] = info
  publish(ctx, [`thread_${info.name}`, `${info.name}_thread`], info)
  return undefined
}

/** When a thread ends: publish its state, then its `on-complete`/`on-error` function, in the starting run. */
async function settled(node: ThreadNode, info: ThreadInfo, ctx: Context): Promise<void> {
  show(ctx, info)
  const callback =
    info.status === 'COMPLETED' ? node.onComplete : info.status === 'FAILED' ? node.onError : undefined
  if (!callback) return
  const named =
    info.status === 'COMPLETED' ? { result: info.result ?? null } : { error: info.error?.message ?? 'failed' }
  try {
    await callFunctionByName(callback, { named }, ctx.root().child('callback'), node)
  } catch (error) {
    const message = QuantumError.is(error) || error instanceof Error ? error.message : String(error)
    const kind = info.status === 'COMPLETED' ? 'on_complete' : 'on_error'
    ctx.run.log({
      time: new Date(),
      level: 'error',
      message: `Thread '${node.name}' ${kind} callback failed: ${message}`,
    })
  }
}
