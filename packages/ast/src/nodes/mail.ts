import type { Bindable } from '../expression'
import type { NodeBase } from './base'
import type { ParamNode } from './param'

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

/** `<q:body>` of a mail or an HTTP invoke: databound text, dedented, or a mail's template file. */
export interface BodyNode extends NodeBase {
  type: 'body'
  /** The databound text (empty when the body is a template). */
  content: Bindable
  /** `<q:body template="file">`: the body is that file, rendered with its `q:param`s in scope. */
  template?: BodyTemplate
}

/** A mail body read from a file (`<q:body template="newsletter.html">` with `q:param` children). */
export interface BodyTemplate {
  /** The file's path; a relative one is relative to the document's folder. */
  path: Bindable
  /** Values the template sees as variables, on top of those in scope. */
  params: ParamNode[]
}

/** `<q:attachment file [name]>` of a mail. */
export interface AttachmentNode extends NodeBase {
  type: 'attachment'
  file: Bindable
  name?: Bindable
}
