import type { Bindable } from '../expression'
import type { NodeBase } from './base'

/** `<q:return value>` ends the current function, body or component with a value. */
export interface ReturnNode extends NodeBase {
  type: 'return'
  value?: Bindable
}
