import type { Bindable } from '../expression'
import type { NodeBase } from './base'

/** Character sets a mail body can be written in (`q:mail charset`). */
export type MailCharset = 'utf-8' | 'iso-8859-1' | 'us-ascii'

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
  /** The body's character set; absent means UTF-8. */
  charset?: MailCharset
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
