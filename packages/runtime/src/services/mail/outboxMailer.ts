import { randomUUID } from 'node:crypto'
import type { Transporter } from 'nodemailer'
import type StreamTransport from 'nodemailer/lib/stream-transport'
import type { Mailer } from '../types'
import { toSendMailOptions } from './compose'
import { mailAborted, mailFailed } from './errors'
import { type MailLimits, MessageBudget } from './limits'
import { loadNodemailer } from './nodemailer'
import { type OutboxStore, openOutboxStore } from './outbox'

/**
 * A mailer that sends nothing: it builds the real MIME message with nodemailer and stores it, with
 * its fields, in the outbox (`<home>/quantum.db`). nodemailer and the outbox are loaded and opened on
 * the first message. A message is held in memory only once written, so `limits.maxMessageBytes`
 * bounds it; the outbox keeps `limits.maxOutboxBytes` at most, after deleting messages older than
 * `limits.outboxMaxAgeMs`.
 */
export function createOutboxMailer(home: string, from: string, limits: MailLimits): Mailer {
  let transport: Transporter<StreamTransport.SentMessageInfo> | undefined
  let outbox: OutboxStore | undefined
  return {
    async send(message, signal) {
      if (signal?.aborted) throw mailAborted()
      const budget = new MessageBudget(limits.maxMessageBytes)
      try {
        transport ??= loadNodemailer().createTransport({
          streamTransport: true,
          buffer: true,
          newline: 'windows',
        })
        const options = toSendMailOptions(budget.hold(message), from)
        const info = await transport.sendMail(options)
        outbox ??= openOutboxStore(home, limits)
        const id = randomUUID()
        outbox.add({
          id,
          createdAt: new Date().toISOString(),
          from: String(options.from),
          to: message.to,
          cc: message.cc,
          bcc: message.bcc,
          replyTo: message.replyTo || null,
          subject: message.subject,
          format: message.format,
          body: message.body,
          raw: withoutBcc(
            Buffer.isBuffer(info.message) ? info.message.toString('utf8') : String(info.message),
          ),
          messageId: info.messageId,
        })
        return { messageId: info.messageId, transport: 'outbox', id }
      } catch (error) {
        throw mailFailed(budget.exceeded ?? error)
      }
    },
    async close() {
      outbox?.close()
      outbox = undefined
      transport?.close()
      transport = undefined
    },
  }
}

/**
 * The stream transport keeps the `Bcc:` header (it is meant for sendmail); SMTP never sends it, and
 * the outbox keeps the message as SMTP would have sent it, so blind copies stay blind.
 */
function withoutBcc(raw: string): string {
  const end = raw.indexOf('\r\n\r\n')
  if (end === -1) return raw
  const headers = raw.slice(0, end + 2).replace(/^Bcc:.*\r\n(?:[ \t].*\r\n)*/gim, '')
  return headers + raw.slice(end + 2)
}
