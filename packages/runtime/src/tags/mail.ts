import type { MailNode } from '@quantum/ast'
import type { ExecutionHandler } from '../execute'
import { textOf } from '../expression/template'
import { andThen, sequence } from '../maybe'
import { need } from '../run/need'
import type { MailMessage } from '../services/types'

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

/** `<q:mail>`: builds the message (addresses split on commas, body databound) and hands it to the mailer. */
export const mail: ExecutionHandler<MailNode> = (node, ctx) => {
  const mailer = need(ctx, 'mailer', 'mail', node)
  const text = (value: MailNode['to'] | undefined) => (value === undefined ? '' : textOf(value, ctx))
  const fields = [
    () => text(node.to),
    () => text(node.cc),
    () => text(node.bcc),
    () => text(node.from),
    () => text(node.replyTo),
    () => text(node.subject),
    () => (node.body ? textOf(node.body.content, ctx) : ''),
    () =>
      sequence(
        node.attachments.map(
          (attachment) => () =>
            sequence([
              () => textOf(attachment.file, ctx),
              () => (attachment.name ? textOf(attachment.name, ctx) : ''),
            ]),
        ),
      ),
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
      string[][],
    ]
    const message: MailMessage = {
      to: list(to),
      cc: list(cc),
      bcc: list(bcc),
      from,
      subject,
      format: node.format,
      body,
      attachments: attachments.map(([path, filename]) =>
        filename ? { path: path as string, filename } : { path: path as string },
      ),
    }
    if (replyTo) message.replyTo = replyTo
    if (node.charset) message.charset = node.charset
    return mailer.send(message, ctx.run.signal).then((receipt) => {
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
    })
  })
}
