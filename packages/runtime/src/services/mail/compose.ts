import { Readable } from 'node:stream'
import { ErrorCodes, type MailCharset, RuntimeError } from '@quantum/ast'
import type { SendMailOptions } from 'nodemailer'
import type { MailMessage } from '../types'

/** Node's name for each body charset other than UTF-8 (the one nodemailer writes by itself). */
const ENCODINGS: Record<Exclude<MailCharset, 'utf-8'>, BufferEncoding> = {
  'iso-8859-1': 'latin1',
  'us-ascii': 'ascii',
}

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
    attachments: message.attachments.map(({ filename, content }) => ({
      filename,
      // A stream is read as the message is written, a chunk at a time.
      content: Buffer.isBuffer(content) ? content : Readable.from(content, { objectMode: false }),
    })),
    // Attachments arrive as bytes or streams, opened within the file rules; nodemailer must never open a path or URL itself.
    disableFileAccess: true,
    disableUrlAccess: true,
  }
  if (message.replyTo) options.replyTo = message.replyTo
  const type = message.format === 'html' ? 'text/html' : 'text/plain'
  if (message.charset && message.charset !== 'utf-8') {
    // nodemailer declares text and html bodies as UTF-8; an alternative carries its own Content-Type.
    options.alternatives = [
      { contentType: `${type}; charset=${message.charset}`, content: encode(message.body, message.charset) },
    ]
  } else if (type === 'text/html') options.html = message.body
  else options.text = message.body
  return options
}

/** The body in `charset`; a character the charset cannot hold is an error, never a silent `?`. */
function encode(body: string, charset: Exclude<MailCharset, 'utf-8'>): Buffer {
  const bytes = Buffer.from(body, ENCODINGS[charset])
  const lost = [...body].findIndex(
    (char) => Buffer.from(char, ENCODINGS[charset]).toString(ENCODINGS[charset]) !== char,
  )
  if (lost !== -1) {
    const char = [...body][lost] as string
    throw new RuntimeError(
      ErrorCodes.RUNTIME_MAIL,
      `Email body cannot be written in ${charset}: '${char}' (U+${(char.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}) at character ${lost + 1}; use charset="utf-8"`,
      { details: { charset, character: char } },
    )
  }
  return bytes
}
