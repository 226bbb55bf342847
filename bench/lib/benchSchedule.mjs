// @ts-check
// Plain JavaScript so that lib/scheduleScale.mjs, run by node without tsx, shares it with schedule.ts.
import { parse } from '@quantum/parser'

/**
 * A schedule the benches register: `.q` source of one component, its body fired on `trigger` in UTC,
 * no retry, no overlap, a misfire skipped, no variables.
 * @param {string} name
 * @param {import('@quantum/runtime').ScheduleTrigger} trigger
 * @param {string} source
 * @returns {import('@quantum/runtime').ScheduleDefinition}
 */
export function benchSchedule(name, trigger, source) {
  const { component } = parse(source, { file: 'bench.q' })
  return {
    name,
    trigger,
    timezone: 'UTC',
    retry: 0,
    overlap: false,
    enabled: true,
    misfire: 'skip',
    body: component.body,
    functions: [],
    snapshot: {},
  }
}
