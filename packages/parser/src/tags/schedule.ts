import {
  ErrorCodes,
  type MisfirePolicy,
  type ScheduleAction,
  type ScheduleNode,
  scheduleEntry,
} from '@quantum/ast'
import { defineTag } from '../syntax/handler'

const ACTIONS: readonly ScheduleAction[] = ['run', 'pause', 'resume', 'delete']
const TRIGGERS = ['interval', 'cron', 'at'] as const

/** `<q:schedule>`: a named recurring (`interval`, `cron`) or one-shot (`at`) task. */
export const scheduleTag = defineTag<ScheduleNode>({
  tag: 'schedule',
  placement: 'statement',
  attributes: [
    'name',
    'action',
    'interval',
    'cron',
    'at',
    'timezone',
    'retry',
    'timeout',
    'overlap',
    'enabled',
    'misfire',
  ],
  parse(element, ctx) {
    const a = ctx.attributes(element, this.attributes)
    const name = a.string('name', { required: true })
    const action = a.enumeration('action', ACTIONS, 'run', { label: 'schedule action' })
    const node: ScheduleNode = {
      type: 'schedule',
      name: name ?? '',
      action,
      timezone: a.timezone('timezone', 'UTC'),
      retry: a.integer('retry', { min: 0, message: 'Schedule retry must be non-negative' }) ?? 3,
      overlap: a.boolean('overlap', false),
      enabled: a.boolean('enabled', true),
      misfire: a.enumeration<MisfirePolicy>('misfire', ['grace', 'run-once', 'skip'], 'grace', {
        label: 'schedule misfire',
      }),
      body: [],
      position: element.position,
    }
    const given = TRIGGERS.filter((trigger) => a.has(trigger))
    if (!a.valid('action')) {
      // an unknown action was reported; its other rules would only add noise
    } else if (action === 'run') {
      if (given.length === 0) {
        ctx.report(
          ErrorCodes.PARSE_MISSING_TRIGGER,
          "Schedule requires 'interval', 'cron', or 'at' attribute for run action",
          element.position,
        )
      } else if (given.length > 1) {
        ctx.report(
          ErrorCodes.PARSE_INVALID_STRUCTURE,
          `Schedule takes one trigger; got ${given.map((trigger) => `'${trigger}'`).join(' and ')}`,
          a.get(given[1] as string)?.position,
        )
      }
      const interval = a.interval('interval')
      if (interval !== undefined) node.interval = interval
      const cron = a.cron('cron')
      if (cron !== undefined) node.cron = cron
      const at = a.datetime('at')
      if (at !== undefined) node.at = at
      const timeout = a.duration('timeout')
      if (timeout !== undefined) node.timeout = timeout
      node.body = ctx.within({ loop: false, batch: false }, () => ctx.statements(element.children))
      const entry = scheduleEntry(node.body)
      if (entry.kind === 'nothing') {
        ctx.warn(
          ErrorCodes.PARSE_SCHEDULE_RUNS_NOTHING,
          `Schedule '${node.name}': ${entry.reason}`,
          element.position,
        )
      }
    } else {
      const extra = [...given, 'timeout'].find((attribute) => a.has(attribute))
      if (extra) {
        ctx.report(
          ErrorCodes.PARSE_INVALID_STRUCTURE,
          `Schedule action '${action}' takes only a name; '${extra}' belongs to action="run"`,
          a.get(extra)?.position,
        )
      }
      ctx.expectEmpty(element.children, `Schedule action '${action}' takes no body`)
    }
    return name === undefined ? undefined : node
  },
})
