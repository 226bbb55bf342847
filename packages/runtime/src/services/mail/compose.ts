import type { SendMailOptions } from 'nodemailer'
import type { MailMessage } from '../types'

/** The sender used when neither the message nor the configuration names one. */
export const DEFAULT_FROM = 'noreply@quantum.dev'

/** The nodemailer form of a `q:mail` message, sent from `from` when the message has no sender. */
export function toSendMailOptions(message: MailMessage, from: string): SendMailOptions {
  const options: SendMailOptions = {
    from: message.from || from,
    to: message.to,
    cc: message.cc,
    bcc: message.bcc,
    subject: message.subject,
    attachments: message.attachments.map((attachment) =>
      attachment.filename === undefined
        ? { path: attachment.path }
        : { path: attachment.path, filename: attachment.filename },
    ),
    // Attachments are files on this machine; a URL in `path` must not make the server fetch it.
    disableUrlAccess: true,
  }
  if (message.replyTo) options.replyTo = message.replyTo
  if (message.format === 'html') options.html = message.body
  else options.text = message.body
  return options
}
