import type { Bindable } from '../expression'
import type { DataType, NodeBase } from './base'

/** `<q:param>` in a component, function, job, query or invoke. Which fields apply depends on the parent. */
export interface ParamNode extends NodeBase {
  type: 'param'
  name: string
  datatype?: DataType
  required?: boolean
  default?: Bindable
  value?: Bindable
  nullable?: boolean
  maxLength?: number
  scale?: number
}
