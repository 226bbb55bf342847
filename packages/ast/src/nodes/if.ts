import type { Expression } from '../expression'
import type { NodeBase } from './base'
import type { Statement } from './index'

/** `<q:if condition>` with `q:elseif`/`q:else` as children or as the siblings that follow it. */
export interface IfNode extends NodeBase {
  type: 'if'
  condition: Expression
  body: Statement[]
  elseifs: ElseIfNode[]
  else?: ElseNode
}

export interface ElseIfNode extends NodeBase {
  type: 'elseif'
  condition: Expression
  body: Statement[]
}

export interface ElseNode extends NodeBase {
  type: 'else'
  body: Statement[]
}
