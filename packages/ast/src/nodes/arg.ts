import type { Bindable } from '../expression'
import type { NodeBase } from './base'

/** `<q:arg name value>`: a named argument of `q:invoke function=`. */
export interface ArgNode extends NodeBase {
  type: 'arg'
  name: string
  value: Bindable
}
