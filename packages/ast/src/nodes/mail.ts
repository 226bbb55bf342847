import type { Bindable } from '../expression'
import type { NodeBase } from './base'

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
