import type { Bindable } from '../expression'
import type { NodeBase } from './base'
import type { ParamNode } from './core'
import type { Statement } from './index'
import type { HttpMethod } from './io'

/** `<q:action name [method]>`: a named entry point, run with `quantum run --action NAME`. */
export interface ActionNode extends NodeBase {
  type: 'action'
  name: string
  method: HttpMethod
  params: ParamNode[]
  body: Statement[]
}

/** `<q:redirect url|to [status] [flash]>`: recorded in the run's result. */
export interface RedirectNode extends NodeBase {
  type: 'redirect'
  url: Bindable
  status: number
  flash?: Bindable
}
