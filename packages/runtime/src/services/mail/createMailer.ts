import type { Mailer } from '../types'
import { DEFAULT_FROM } from './compose'
import { DEFAULT_MAIL_LIMITS, type MailLimits } from './limits'
import { createOutboxMailer } from './outboxMailer'
import { createSmtpMailer } from './smtpMailer'

/**
 * How mail leaves: kept in the local outbox (the default), or sent through an SMTP server; and how
 * large it may get ({@link DEFAULT_MAIL_LIMITS} for what is not set; the outbox limits apply to the
 * outbox only).
 */
export type MailConfig = Partial<MailLimits> &
  ({ transport: 'outbox' } | { transport: 'smtp'; url: string; from?: string })

/** Where the outbox lives and who sends by default. */
export interface MailerOptions {
  /** The Quantum home folder; the outbox is `<home>/quantum.db`. */
  home: string
  /** Sender for messages without one (after the SMTP config's `from`); `noreply@quantum.dev` if not given. */
  defaultFrom?: string
}

/**
 * A {@link Mailer} for `q:mail`, built on nodemailer. Failures are `RUNTIME_MAIL`
 * (`Failed to send email: …`); a message or an outbox over its limit is `RUNTIME_LIMIT_EXCEEDED`.
 */
export function createMailer(config: MailConfig | undefined, options: MailerOptions): Mailer {
  const resolved = config ?? { transport: 'outbox' }
  const limits: MailLimits = {
    maxMessageBytes: resolved.maxMessageBytes ?? DEFAULT_MAIL_LIMITS.maxMessageBytes,
    maxOutboxBytes: resolved.maxOutboxBytes ?? DEFAULT_MAIL_LIMITS.maxOutboxBytes,
    outboxMaxAgeMs: resolved.outboxMaxAgeMs ?? DEFAULT_MAIL_LIMITS.outboxMaxAgeMs,
  }
  if (resolved.transport === 'smtp') {
    return createSmtpMailer(resolved.url, resolved.from || options.defaultFrom || DEFAULT_FROM, limits)
  }
  return createOutboxMailer(options.home, options.defaultFrom || DEFAULT_FROM, limits)
}
