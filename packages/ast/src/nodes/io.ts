import type { Bindable, Dynamic } from '../expression'
import type { NodeBase } from './base'
import type { ArgNode, ParamNode } from './core'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS'

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

/** `<q:header name value>` of an HTTP `q:invoke`. */
export interface HeaderNode extends NodeBase {
  type: 'header'
  name: string
  value: Bindable
}

/** `<q:query [name] datasource>` SQL text with `:name` placeholders bound from `q:param`s or variables. */
export interface QueryNode extends NodeBase {
  type: 'query'
  name?: string
  datasource: string
  sql: string
  params: ParamNode[]
  result?: string
  timeout?: Dynamic<number>
  maxRows?: number
}

/** `<q:mail to subject …>` with a `q:body` (or text, or `body=`) and `q:attachment`s. */
export interface MailNode extends NodeBase {
  type: 'mail'
  to: Bindable
  subject: Bindable
  from?: Bindable
  cc?: Bindable
  bcc?: Bindable
  replyTo?: Bindable
  format: 'html' | 'text'
  charset?: string
  body?: BodyNode
  attachments: AttachmentNode[]
}

/** `<q:body>` of a mail or an HTTP invoke: databound text, dedented. */
export interface BodyNode extends NodeBase {
  type: 'body'
  content: Bindable
}

/** `<q:attachment file [name]>` of a mail. */
export interface AttachmentNode extends NodeBase {
  type: 'attachment'
  file: Bindable
  name?: Bindable
}
