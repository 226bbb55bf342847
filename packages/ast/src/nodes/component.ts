import type { ActionNode } from './action'
import type { NodeBase } from './base'
import type { FunctionNode } from './function'
import type { Statement } from './index'
import type { ParamNode } from './param'

/**
 * `<q:component name>` (or `q:application`; a root `q:job` is wrapped in a generated component).
 * Component-level `q:param`s, `q:function`s and `q:action`s are collected apart from the statements.
 */
export interface ComponentNode extends NodeBase {
  type: 'component'
  name: string
  kind: 'component' | 'application'
  params: ParamNode[]
  functions: FunctionNode[]
  actions: ActionNode[]
  body: Statement[]
}
