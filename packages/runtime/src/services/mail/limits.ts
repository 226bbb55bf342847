import { ErrorCodes, RuntimeError } from '@quantum/ast'
import type { MailMessage } from '../types'

/** How large mail may get: one message, and the outbox as a whole. */
export interface MailLimits {
  /** Most bytes of one message: its body plus its attachments, before encoding. @defaultValue 25 MiB */
  maxMessageBytes: number
  /** Most bytes the outbox keeps (stored messages as written, body included). @defaultValue 256 MiB */
  maxOutboxBytes: number
  /** Outbox messages stored longer ago than this are deleted as new ones arrive. @defaultValue 30 days */
  outboxMaxAgeMs: number
}

/** The limits mail has unless the configuration (`mail` in `quantum.config.json`) sets them. */
export const DEFAULT_MAIL_LIMITS: Readonly<MailLimits> = Object.freeze({
  maxMessageBytes: 25 * 1024 * 1024,
  maxOutboxBytes: 256 * 1024 * 1024,
  outboxMaxAgeMs: 30 * 24 * 60 * 60 * 1000,
})

/** What the outbox keeps: {@link MailLimits} `maxOutboxBytes` and `outboxMaxAgeMs`. */
export type OutboxRetention = Pick<MailLimits, 'maxOutboxBytes' | 'outboxMaxAgeMs'>

/** `RUNTIME_LIMIT_EXCEEDED`: storing a message would take the outbox past `mail.maxOutboxBytes`. */
export function outboxFull(held: number, size: number, retention: OutboxRetention): RuntimeError {
  const days = Math.round((retention.outboxMaxAgeMs / 86_400_000) * 100) / 100
  return new RuntimeError(
    ErrorCodes.RUNTIME_LIMIT_EXCEEDED,
    `Cannot store email in the outbox: it holds ${held} bytes, and this message's ${size} would take it past the limit of ${retention.maxOutboxBytes} (mail.maxOutboxBytes); messages older than ${days} days (mail.outboxMaxAge) are deleted, or clear the outbox`,
    { details: { held, size, maxBytes: retention.maxOutboxBytes, limit: 'mail.maxOutboxBytes' } },
  )
}

/** `RUNTIME_LIMIT_EXCEEDED`: a message's body and attachments are larger than `mail.maxMessageBytes`. */
export function messageTooLarge(size: number, maxBytes: number): RuntimeError {
  return new RuntimeError(
    ErrorCodes.RUNTIME_LIMIT_EXCEEDED,
    `Cannot send email: its body and attachments have ${size} bytes or more, more than the limit of ${maxBytes} (mail.maxMessageBytes)`,
    { details: { size, maxBytes, limit: 'mail.maxMessageBytes' } },
  )
}

/**
 * Holds messages to `maxBytes`: a message is refused at once when its body and the sizes its
 * attachments declare are over, otherwise its streamed attachments are counted as the transport reads
 * them, so a file that grew since it was opened fails the send instead of slipping through.
 */
export class MessageBudget {
  readonly #maxBytes: number
  #exceeded: RuntimeError | undefined

  constructor(maxBytes: number) {
    this.#maxBytes = maxBytes
  }

  /**
   * The error a send failed with when it was this budget's: a transport may rewrite the error a
   * stream fails with (nodemailer's SMTP sets its `code`), so the coded one is kept here.
   */
  get exceeded(): RuntimeError | undefined {
    return this.#exceeded
  }

  /**
   * `message`, with its streamed attachments counted.
   *
   * @throws RuntimeError `RUNTIME_LIMIT_EXCEEDED` ({@link messageTooLarge}) when the sizes tell it is over
   */
  hold(message: MailMessage): MailMessage {
    const body = Buffer.byteLength(message.body)
    const declared = message.attachments.reduce(
      (total, attachment) => total + ('size' in attachment ? attachment.size : attachment.content.byteLength),
      body,
    )
    if (declared > this.#maxBytes) throw messageTooLarge(declared, this.#maxBytes)
    let used = body
    const counted = async function* (
      this: MessageBudget,
      chunks: AsyncIterable<Buffer>,
    ): AsyncGenerator<Buffer> {
      for await (const chunk of chunks) {
        used += chunk.byteLength
        if (used > this.#maxBytes) {
          this.#exceeded = messageTooLarge(used, this.#maxBytes)
          throw new Error(this.#exceeded.message)
        }
        yield chunk
      }
    }
    return {
      ...message,
      attachments: message.attachments.map((attachment) => {
        if (!('size' in attachment)) {
          used += attachment.content.byteLength
          return attachment
        }
        return { ...attachment, content: counted.call(this, attachment.content) }
      }),
    }
  }
}
