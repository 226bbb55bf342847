import type { SleepNode } from '@quantum/ast'
import type { Context } from '../scope/context'
import { timeValue } from './timeValue'

/** A duration attribute in milliseconds, binding and checking a databound one (`{seconds}s`) now. */
export function durationMs(
  value: SleepNode['duration'],
  ctx: Context,
  site: { position?: SleepNode['position'] },
) {
  return typeof value === 'number' ? value : timeValue('duration', value, ctx, site)
}
