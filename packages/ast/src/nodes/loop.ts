import type { Bindable } from '../expression'
import type { NodeBase } from './base'
import type { Statement } from './index'

export type LoopType = 'range' | 'array' | 'list' | 'query' | 'object'

/** `<q:loop type=range|array|list|query|object …>`; `query="name"` is the query shorthand. */
export interface LoopNode extends NodeBase {
  type: 'loop'
  loopType: LoopType
  var?: string
  index?: string
  from?: Bindable
  to?: Bindable
  step?: Bindable
  items?: Bindable
  delimiter?: string
  query?: string
  body: Statement[]
}
