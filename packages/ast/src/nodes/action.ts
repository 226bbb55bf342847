import type { HttpMethod, NodeBase } from './base'
import type { Statement } from './index'
import type { ParamNode } from './param'

/** `<q:action name [method]>`: a named entry point, run with `quantum run --action NAME`. */
export interface ActionNode extends NodeBase {
  type: 'action'
  name: string
  method: HttpMethod
  params: ParamNode[]
  body: Statement[]
}
