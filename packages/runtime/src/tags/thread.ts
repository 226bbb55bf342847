import { ErrorCodes, QuantumError, ThreadError, type ThreadNode } from '@quantum/ast'
import { formatMilliseconds } from '@quantum/time'
import type { ExecutionHandler } from '../execute'
import { callFunctionByName } from '../expression/calls'
import { durationMs } from '../expression/duration'
import { portable } from '../jobs/portable'
import type { ThreadInfo, ThreadService } from '../jobs/types'
import { andThen } from '../maybe'
import { errorAt } from '../run/errors'
import { need } from '../run/need'
import { defineRegister } from '../run/registers'
import type { RunState } from '../run/state'
import { untilAborted } from '../run/untilAborted'
import type { Context } from '../scope/context'
import { createVars, LENIENT_SCOPES, type Vars } from '../values/missing'

/** The latest state of each thread the run started, by name; published as the variable `thread`. */
export const threadStates = defineRegister('q:thread: thread states by name', (): Vars => {
  const states = createVars()
  LENIENT_SCOPES.add(states)
  return states
})

/**
 * The threads a run started, as its result reports them. Live: a thread that ends after the run has
 * returned updates its entry, so a host that waits for the run's threads reads their final states here.
 */
export function threadsOf(run: RunState): Record<string, ThreadInfo> {
  return run.registers.get(threadStates) as Record<string, ThreadInfo>
}

/**
 * `<q:thread>`: `run` starts the body on the host's ThreadService with a snapshot of the visible
 * variables; `join` waits for one name or a comma-separated list (at most `timeout`) and publishes their
 * final states; `terminate` stops one. The state is visible as `thread.<name>`, `thread_<name>` and
 * `<name>_thread`.
 */
export const thread: ExecutionHandler<ThreadNode> = (node, ctx) => {
  const service = need(ctx, 'threads', 'thread', node)
  const timeout = node.timeout === undefined ? undefined : durationMs(node.timeout, ctx, node)
  return andThen(timeout, (timeoutMs) => {
    if (node.action === 'join') return join(service, node, ctx, timeoutMs)
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

/**
 * Join every listed thread at once; past the timeout, fail naming those still running (they go on).
 * However long the threads run, the run's wall time and cancellation end the wait.
 */
async function join(service: ThreadService, node: ThreadNode, ctx: Context, timeoutMs: number | undefined) {
  const names = node.name
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '')
  const joins = Promise.all(names.map((name) => joinOne(service, name, timeoutMs, ctx)))
  let infos: ThreadInfo[]
  try {
    infos = await untilAborted(joins, ctx.run.signal)
  } catch (error) {
    if (ctx.run.signal?.aborted) throw ctx.run.aborted(node)
    throw error
  }
  for (const info of infos) show(ctx, info)
  const running = infos.filter((info) => info.status === 'RUNNING' || info.status === 'NOT_STARTED')
  if (running.length === 0 || timeoutMs === undefined) return undefined
  const list = running.map((info) => `'${info.name}'`).join(', ')
  throw errorAt(
    ThreadError,
    ErrorCodes.THREAD_JOIN_TIMEOUT,
    `Join timed out after ${formatMilliseconds(timeoutMs)}; still running: ${list}`,
    ctx.run.at(node),
    undefined,
    { running: running.map((info) => info.name) },
  )
}

/**
 * Join one thread. One the service no longer keeps (a host drops the oldest finished threads) but the
 * run saw end is joined as it ended: a run may start more threads than the host keeps, then join them.
 */
async function joinOne(service: ThreadService, name: string, timeoutMs: number | undefined, ctx: Context) {
  try {
    return await service.join(name, timeoutMs)
  } catch (error) {
    const seen = (ctx.run.registers.get(threadStates) as Record<string, ThreadInfo | undefined>)[name]
    const ended = seen !== undefined && seen.status !== 'RUNNING' && seen.status !== 'NOT_STARTED'
    if (ended && QuantumError.is(error) && error.code === ErrorCodes.THREAD_NOT_FOUND) return seen
    throw error
  }
}

/**
 * Publish a thread's state; what its body wrote to `thread.x` sits next to the fields, which win. The
 * `thread_<name>` spellings are run results, not component variables: thousands of threads would
 * otherwise make every later thread's snapshot copy all their states (quadratic in time and memory).
 */
function show(ctx: Context, info: ThreadInfo) {
  const { scope, ...fields } = info
  const view = { ...scope, ...fields } as ThreadInfo
  ctx.run.registers.get(threadStates)[info.name] = view
  ctx.run.results[`thread_${info.name}`] = view
  ctx.run.results[`${info.name}_thread`] = view
  return undefined
}

/**
 * When a thread ends: publish its state, then call its `on-complete` (completed) or `on-error` (failed,
 * or stopped by its timeout) function in the starting run. A callback that throws is logged.
 */
async function settled(node: ThreadNode, info: ThreadInfo, ctx: Context): Promise<void> {
  show(ctx, info)
  const failed =
    info.status === 'FAILED' ||
    (info.status === 'TERMINATED' && info.error?.code === ErrorCodes.THREAD_TIMEOUT)
  const callback = info.status === 'COMPLETED' ? node.onComplete : failed ? node.onError : undefined
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
