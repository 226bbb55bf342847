import type { Bindable, Dynamic } from '../expression'
import type { ArgNode } from './arg'
import type { HttpMethod, NodeBase } from './base'
import type { HeaderNode } from './header'
import type { BodyNode } from './mail'
import type { ParamNode } from './param'

/** `<q:invoke [name] function=|url= …>` with `q:header`, `q:param`/`q:arg` and `q:body` children. */
export interface InvokeNode extends NodeBase {
  type: 'invoke'
  name?: string
  function?: string
  url?: Bindable
  method: HttpMethod
  contentType?: Bindable
  timeout?: Dynamic<number>
  headers: HeaderNode[]
  params: ParamNode[]
  args: ArgNode[]
  body?: BodyNode
  result?: string
}
