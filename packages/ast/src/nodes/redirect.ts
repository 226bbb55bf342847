import type { Bindable } from '../expression'
import type { NodeBase } from './base'

/** `<q:redirect url|to [status] [flash]>`: recorded in the run's result. */
export interface RedirectNode extends NodeBase {
  type: 'redirect'
  url: Bindable
  status: number
  flash?: Bindable
}
