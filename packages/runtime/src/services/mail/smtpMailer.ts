import type { Transporter } from 'nodemailer'
import type { Mailer } from '../types'
import { toSendMailOptions } from './compose'
import { mailAborted, mailFailed } from './errors'
import { type MailLimits, MessageBudget } from './limits'
import { loadNodemailer } from './nodemailer'

/**
 * A mailer that delivers through an SMTP server given as `smtp://user:pass@host:port` or `smtps://…`.
 * nodemailer is loaded, and the transport made, with the first message. Attachments stream to the
 * server as they are read; a message over `limits.maxMessageBytes` fails (before its data when the
 * sizes tell, else as it streams, and the server never gets an end of data for it).
 */
export function createSmtpMailer(
  url: string,
  from: string,
  limits: Pick<MailLimits, 'maxMessageBytes'>,
): Mailer {
  let transport: Transporter | undefined
  return {
    async send(message, signal) {
      if (signal?.aborted) throw mailAborted()
      const budget = new MessageBudget(limits.maxMessageBytes)
      try {
        const bounded = budget.hold(message)
        transport ??= loadNodemailer().createTransport({ url })
        const info = await transport.sendMail(toSendMailOptions(bounded, from))
        return { messageId: info.messageId, transport: 'smtp' }
      } catch (error) {
        throw mailFailed(budget.exceeded ?? error)
      }
    },
    async close() {
      transport?.close()
      transport = undefined
    },
  }
}
