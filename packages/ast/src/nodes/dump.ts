import type { Bindable } from '../expression'
import type { NodeBase } from './base'

/** `<q:dump var [label] [format] [depth] [when]>`. */
export interface DumpNode extends NodeBase {
  type: 'dump'
  var: Bindable
  label?: string
  format?: 'text' | 'json' | 'html'
  depth?: number
  when?: Bindable
}
