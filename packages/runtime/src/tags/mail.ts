import { basename } from 'node:path'
import type { AttachmentNode, MailNode } from '@quantum/ast'
import type { ExecutionHandler } from '../execute'
import { textOf } from '../expression/template'
import { renderBodyTemplate } from '../mail/bodyTemplate'
import { andThen, sequence, withCleanup } from '../maybe'
import { locate } from '../run/errors'
import { need } from '../run/need'
import { asRunStop } from '../run/stopped'
import type { Context } from '../scope/context'
import type { FileReadRequest, FileStream, MailAttachment, MailMessage } from '../services/types'

/** Addresses split on commas, except inside a quoted display name or `<…>`: `"Doe, Jane" <j@x.org>`. */
function list(text: unknown): string[] {
  if (typeof text !== 'string') return []
  const addresses: string[] = []
  let current = ''
  let quoted = false
  let angled = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string
    if (quoted && ch === '\\') {
      current += ch + (text[i + 1] ?? '')
      i++
      continue
    }
    if (ch === '"') quoted = !quoted
    else if (!quoted && ch === '<') angled = true
    else if (!quoted && ch === '>') angled = false
    else if (ch === ',' && !quoted && !angled) {
      addresses.push(current)
      current = ''
      continue
    }
    current += ch
  }
  addresses.push(current)
  return addresses.map((address) => address.trim()).filter((address) => address !== '')
}

/**
 * `<q:mail>`: builds the message (addresses split on commas, body databound) and hands it to the
 * mailer, with its attachments opened to be streamed; they are closed once the mailer is done.
 */
export const mail: ExecutionHandler<MailNode> = (node, ctx) => {
  const opened: FileStream[] = []
  return withCleanup(
    () => send(node, ctx, opened),
    () => Promise.allSettled(opened.map((file) => file.close())),
  )
}

function send(node: MailNode, ctx: Context, opened: FileStream[]) {
  const mailer = need(ctx, 'mailer', 'mail', node)
  const text = (value: MailNode['to'] | undefined) => (value === undefined ? '' : textOf(value, ctx))
  const fields = [
    () => text(node.to),
    () => text(node.cc),
    () => text(node.bcc),
    () => text(node.from),
    () => text(node.replyTo),
    () => text(node.subject),
    () => bodyText(node, ctx),
    () => sequence(node.attachments.map((attachment) => () => attach(attachment, node, ctx, opened))),
  ]
  return andThen(sequence<unknown>(fields), (values) => {
    const [to, cc, bcc, from, replyTo, subject, body, attachments] = values as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      MailAttachment[],
    ]
    const message: MailMessage = {
      to: list(to),
      cc: list(cc),
      bcc: list(bcc),
      from,
      subject,
      format: node.format,
      body,
      attachments,
    }
    if (replyTo) message.replyTo = replyTo
    if (node.charset) message.charset = node.charset
    return mailer.send(message, ctx.run.signal).then(
      (receipt) => {
        ctx.assign('_mail_result', {
          success: true,
          to: message.to.join(', '),
          subject,
          message: 'Email sent successfully',
          messageId: receipt.messageId,
          transport: receipt.transport,
          id: receipt.id ?? null,
        })
        return undefined
      },
      (error: unknown) => {
        throw asRunStop(error, ctx, node)
      },
    )
  })
}

/** The body's text: inline and databound, or its template file rendered. */
function bodyText(node: MailNode, ctx: Context) {
  const body = node.body
  if (!body) return ''
  return body.template ? renderBodyTemplate(body, body.template, ctx) : textOf(body.content, ctx)
}

/**
 * A `q:attachment`: the file is opened here, within the host's file rules (a relative path is relative
 * to the document's folder) and its size cap; the mailer reads it in chunks, stopped by the run's signal.
 */
function attach(
  attachment: AttachmentNode,
  node: MailNode,
  ctx: Context,
  opened: FileStream[],
): Promise<MailAttachment> | MailAttachment {
  const site = ctx.run.at({ position: attachment.position ?? node.position })
  const files = need(ctx, 'files', 'mail', site)
  return andThen(
    sequence([
      () => textOf(attachment.file, ctx),
      () => (attachment.name ? textOf(attachment.name, ctx) : ''),
    ]),
    (texts) => {
      const [path, name] = texts as [string, string]
      const request: FileReadRequest = { path, purpose: 'Attachment', capped: true }
      if (site.file !== undefined) request.from = site.file
      if (ctx.run.signal) request.signal = ctx.run.signal
      return files.stream(request).then(
        (file) => {
          opened.push(file)
          return { filename: name || basename(path), content: file.chunks, size: file.size }
        },
        (error: unknown) => {
          throw locate(asRunStop(error, ctx, site), site)
        },
      )
    },
  )
}
