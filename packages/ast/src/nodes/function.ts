import type { NodeBase } from './base'
import type { Statement } from './index'
import type { ParamNode } from './param'

/** `<q:function name>` with `q:param`s and a body. */
export interface FunctionNode extends NodeBase {
  type: 'function'
  name: string
  params: ParamNode[]
  body: Statement[]
  returnType?: string
}
