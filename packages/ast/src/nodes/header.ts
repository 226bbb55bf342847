import type { Bindable } from '../expression'
import type { NodeBase } from './base'

/** `<q:header name value>` of an HTTP `q:invoke`. */
export interface HeaderNode extends NodeBase {
  type: 'header'
  name: string
  value: Bindable
}
