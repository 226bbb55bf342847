import type { Transporter } from 'nodemailer'
import type { Mailer } from '../types'
import { toSendMailOptions } from './compose'
import { mailAborted, mailFailed } from './errors'
import { loadNodemailer } from './nodemailer'

/**
 * A mailer that delivers through an SMTP server given as `smtp://user:pass@host:port` or `smtps://…`.
 * nodemailer is loaded, and the transport made, with the first message.
 */
export function createSmtpMailer(url: string, from: string): Mailer {
  let transport: Transporter | undefined
  return {
    async send(message, signal) {
      if (signal?.aborted) throw mailAborted()
      try {
        transport ??= loadNodemailer().createTransport({ url })
        const info = await transport.sendMail(toSendMailOptions(message, from))
        return { messageId: info.messageId, transport: 'smtp' }
      } catch (error) {
        throw mailFailed(error)
      }
    },
    async close() {
      transport?.close()
      transport = undefined
    },
  }
}
