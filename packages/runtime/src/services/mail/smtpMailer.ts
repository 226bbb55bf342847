import { createTransport } from 'nodemailer'
import type { Mailer } from '../types'
import { toSendMailOptions } from './compose'
import { mailAborted, mailFailed } from './errors'

/** A mailer that delivers through an SMTP server given as `smtp://user:pass@host:port` or `smtps://…`. */
export function createSmtpMailer(url: string, from: string): Mailer {
  const transport = createTransport({ url })
  return {
    async send(message, signal) {
      if (signal?.aborted) throw mailAborted()
      try {
        const info = await transport.sendMail(toSendMailOptions(message, from))
        return { messageId: info.messageId, transport: 'smtp' }
      } catch (error) {
        throw mailFailed(error)
      }
    },
    async close() {
      transport.close()
    },
  }
}
