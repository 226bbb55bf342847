import type { Bindable, Dynamic } from '../expression'
import type { ArgNode } from './arg'
import type { HttpMethod, NodeBase } from './base'
import type { HeaderNode } from './header'
import type { BodyNode } from './mail'
import type { ParamNode } from './param'

/**
 * `<q:invoke [name] function=|component= method=|url= …>` with `q:header`, `q:param`/`q:arg` and
 * `q:body` children: calls a `q:function` of this document, a function of another component, or an
 * HTTP endpoint.
 */
export interface InvokeNode extends NodeBase {
  type: 'invoke'
  name?: string
  function?: string
  /** A function of another component (`component="UserService" method="getUser"`). */
  component?: InvokeComponent
  url?: Bindable
  /** The HTTP method (`GET` when absent, and for calls that are not HTTP). */
  method: HttpMethod
  contentType?: Bindable
  timeout?: Dynamic<number>
  /** Credentials an HTTP call sends; never shown in results, logs or errors. */
  auth?: InvokeAuth
  /** Further attempts after a failed HTTP call (network error, 429, 5xx). */
  retry?: number
  /** Milliseconds before the first retry; each further wait doubles it. @defaultValue 1000 */
  retryDelay?: Dynamic<number>
  /** Keep a GET response this many milliseconds for the same request (`cache="true" ttl="…"`). */
  cache?: { ttl: Dynamic<number> }
  /** Skip the call when this condition is false. */
  when?: Bindable
  headers: HeaderNode[]
  params: ParamNode[]
  args: ArgNode[]
  body?: BodyNode
  result?: string
}

/** The other component an invoke calls, and which of its functions. */
export interface InvokeComponent {
  /** The component's name: its file is `<name>.q`. */
  name: string
  /** The `q:function` of that component to call (the `method` attribute). */
  method: string
}

/** How an HTTP invoke authenticates (`authType`). */
export type InvokeAuth =
  | { type: 'bearer'; token: Bindable }
  | { type: 'basic'; username: Bindable; password: Bindable }
  | { type: 'apikey'; key: Bindable; header: string }
