import { ErrorCodes, ScheduleError, type ScheduleNode } from '@quantum/ast'
import { formatDuration } from '@quantum/time'
import type { ExecutionHandler } from '../execute'
import { durationMs } from '../expression/duration'
import { timeValue } from '../expression/timeValue'
import { portable, publish } from '../jobs/portable'
import type { ScheduleTrigger } from '../jobs/types'
import { andThen, sequence } from '../maybe'
import { errorAt } from '../run/errors'
import { need } from '../run/need'
import type { Context } from '../scope/context'

/**
 * `<q:schedule>`: `run` registers the schedule with the host's ScheduleService (trigger, timezone and
 * timeout bound and checked now) and stores `schedule_<name>`/`<name>_schedule`; pause, resume and
 * delete return `{ name, action, success }`.
 */
export const schedule: ExecutionHandler<ScheduleNode> = (node, ctx) => {
  const service = need(ctx, 'schedules', 'schedule', node)
  if (node.action !== 'run') {
    const act =
      node.action === 'pause'
        ? service.pause(node.name)
        : node.action === 'resume'
          ? service.resume(node.name)
          : service.delete(node.name)
    return act.then((success) => {
      ctx.vars[`_schedule_${node.action}`] = { name: node.name, action: node.action, success }
      return undefined
    })
  }
  const parts = [
    // A literal interval was checked by the parser; a databound one gets the same minimum now.
    () =>
      typeof node.interval === 'object' ? timeValue('interval', node.interval, ctx, node) : node.interval,
    () => (node.cron === undefined ? undefined : timeValue('cron', node.cron, ctx, node)),
    () => (node.at === undefined ? undefined : timeValue('datetime', node.at, ctx, node)),
    () => timeValue('timezone', node.timezone, ctx, node),
    () => (node.timeout === undefined ? undefined : durationMs(node.timeout, ctx, node)),
  ]
  return andThen(sequence<unknown>(parts), (values) => {
    const [everyMs, cron, at, timezone, timeoutMs] = values as [
      number | undefined,
      string | undefined,
      string | undefined,
      string,
      number | undefined,
    ]
    const trigger = triggerOf(node, ctx, everyMs, cron, at)
    const definition = {
      ...portable(node.body, ctx),
      name: node.name,
      trigger,
      timezone,
      retry: node.retry,
      overlap: node.overlap,
      enabled: node.enabled,
      misfire: node.misfire,
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
    }
    return service.register(definition).then((info) => {
      publish(ctx, [`schedule_${node.name}`, `${node.name}_schedule`], info)
      return undefined
    })
  })
}

function triggerOf(
  node: ScheduleNode,
  ctx: Context,
  everyMs?: number,
  cron?: string,
  at?: string,
): ScheduleTrigger {
  if (everyMs !== undefined) return { kind: 'interval', everyMs }
  if (cron !== undefined) return { kind: 'cron', expression: cron }
  if (at !== undefined) return { kind: 'at', at }
  throw errorAt(
    ScheduleError,
    ErrorCodes.SCHEDULE_ERROR,
    "Schedule requires 'interval', 'cron', or 'at'",
    ctx.run.at(node),
  )
}

/** Upstream's trigger description: `every 1d`, `cron: 0 * * * *`, `at 2025-01-01T00:00:00`. */
export function describeTrigger(trigger: ScheduleTrigger): string {
  if (trigger.kind === 'interval') return `every ${formatDuration(trigger.everyMs / 1000)}`
  if (trigger.kind === 'cron') return `cron: ${trigger.expression}`
  return `at ${trigger.at}`
}
