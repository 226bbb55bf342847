import { type AttachmentNode, type BodyNode, ErrorCodes, type MailCharset, type MailNode } from '@quantum/ast'
import { defineTag } from '../syntax/handler'
import { elementText } from '../syntax/text'
import type { XAttribute } from '../xml/tree'
import { valuedParams } from './param'

const MAIL_CHARSETS: readonly MailCharset[] = ['utf-8', 'iso-8859-1', 'us-ascii']

/** `<q:mail to subject …>` with a `q:body` (or text, or `body=`) and `q:attachment`s. */
export const mailTag = defineTag<MailNode>({
  tag: 'mail',
  placement: 'statement',
  attributes: ['to', 'subject', 'from', 'cc', 'bcc', 'replyTo', 'type', 'charset', 'body'],
  parse(element, ctx) {
    const a = ctx.attributes(element, this.attributes)
    const to = a.bindable('to', { required: true })
    const subject = a.bindable('subject', { required: true })
    const { taken, rest } = ctx.split(element, ['body', 'attachment'])
    const bodies = ctx.nodes<BodyNode>(taken.get('body'))
    if (bodies.length > 1)
      ctx.report(
        ErrorCodes.PARSE_INVALID_STRUCTURE,
        'a <q:mail> has at most one <q:body>',
        bodies[1]?.position,
      )
    const textBody = rest.some((child) => child.kind === 'element' || child.value.trim() !== '')
      ? elementText(element, ctx, { markup: true, children: rest })
      : undefined
    const sources = [bodies.length > 0, textBody !== undefined, a.has('body')].filter(Boolean).length
    if (sources > 1) {
      ctx.report(
        ErrorCodes.PARSE_INVALID_STRUCTURE,
        'give a <q:mail> body one way: <q:body>, text, or body="…"',
        element.position,
      )
    }
    if (to === undefined || subject === undefined) return undefined
    const node: MailNode = {
      type: 'mail',
      to,
      subject,
      format: a.enumeration('type', ['html', 'text'] as const, 'html', {
        label: 'mail type',
        caseInsensitive: true,
      }),
      attachments: ctx.nodes<AttachmentNode>(taken.get('attachment')),
      position: element.position,
    }
    const body =
      bodies[0] ??
      (textBody !== undefined
        ? { type: 'body' as const, content: textBody, position: element.position }
        : undefined)
    const attributeBody = a.bindable('body')
    if (body) node.body = body
    else if (attributeBody !== undefined)
      node.body = { type: 'body', content: attributeBody, position: element.position }
    for (const key of ['from', 'cc', 'bcc', 'replyTo'] as const) {
      const value = a.bindable(key)
      if (value !== undefined) node[key] = value
    }
    if (a.has('charset')) {
      node.charset = a.enumeration<MailCharset>('charset', MAIL_CHARSETS, 'utf-8', {
        label: 'mail charset',
        caseInsensitive: true,
        aliases: { utf8: 'utf-8', latin1: 'iso-8859-1', 'iso8859-1': 'iso-8859-1', ascii: 'us-ascii' },
      })
    }
    return node
  },
})

/**
 * `<q:body>`: databound text (HTML kept as written) of a mail or an HTTP invoke, dedented; or, in a
 * mail, `template="file"` with `q:param name value` children: the file is the body, rendered at run
 * time with the params in scope.
 */
export const bodyTag = defineTag<BodyNode>({
  tag: 'body',
  placement: { parents: ['mail', 'invoke'] },
  attributes: ['template'],
  parse(element, ctx) {
    const a = ctx.attributes(element, this.attributes)
    const path = a.bindable('template')
    const { taken, rest } = ctx.split(element, ['param'])
    if (path === undefined) {
      const [param] = taken.get('param') ?? []
      if (param)
        ctx.report(
          ErrorCodes.PARSE_INVALID_STRUCTURE,
          '<q:param> in a <q:body> gives a value to its template: add template="file"',
          param.position,
        )
      return {
        type: 'body',
        content: elementText(element, ctx, { markup: true, children: rest }) ?? '',
        position: element.position,
      }
    }
    ctx.expectEmpty(rest, 'a <q:body template="…"> takes only <q:param> children: its text is the file')
    if (typeof path === 'string' && path.trim() === '') {
      a.invalid(a.get('template') as XAttribute, "Body 'template' must not be empty")
    }
    const params = valuedParams(taken.get('param'), ctx, 'Template')
    return { type: 'body', content: '', template: { path, params }, position: element.position }
  },
})

/** `<q:attachment file [name]>` of a mail. */
export const attachmentTag = defineTag<AttachmentNode>({
  tag: 'attachment',
  placement: { parents: ['mail'] },
  attributes: ['file', 'name'],
  parse(element, ctx) {
    const a = ctx.attributes(element, this.attributes)
    const file = a.bindable('file', { required: true })
    ctx.expectEmpty(element.children, '<q:attachment> takes no body')
    if (file === undefined) return undefined
    const node: AttachmentNode = { type: 'attachment', file, position: element.position }
    const name = a.bindable('name')
    if (name !== undefined) node.name = name
    return node
  },
})
