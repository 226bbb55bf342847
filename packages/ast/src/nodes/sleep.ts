import type { Dynamic } from '../expression'
import type { NodeBase } from './base'

/** `<q:sleep duration>`; the duration is in milliseconds. Cancellable. */
export interface SleepNode extends NodeBase {
  type: 'sleep'
  duration: Dynamic<number>
}
