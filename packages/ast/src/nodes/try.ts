import type { NodeBase } from './base'
import type { Statement } from './index'

/** `<q:try>` body, then `q:catch`es and an optional `q:finally`. */
export interface TryNode extends NodeBase {
  type: 'try'
  body: Statement[]
  catches: CatchNode[]
  finally?: FinallyNode
}

/** `<q:catch [type] [var="error"]>`: runs when the error's type matches (or always, without `type`). */
export interface CatchNode extends NodeBase {
  type: 'catch'
  errorType?: string
  var: string
  body: Statement[]
}

export interface FinallyNode extends NodeBase {
  type: 'finally'
  body: Statement[]
}
