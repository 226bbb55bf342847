import type { Bindable } from '../expression'
import type { NodeBase } from './base'

/** `<q:throw message [type] [detail]>` raises a catchable error. */
export interface ThrowNode extends NodeBase {
  type: 'throw'
  message: Bindable
  errorType?: Bindable
  detail?: Bindable
}
