import type { Mailer } from '../types'
import { DEFAULT_FROM } from './compose'
import { createOutboxMailer } from './outboxMailer'
import { createSmtpMailer } from './smtpMailer'

/** How mail leaves: kept in the local outbox (the default), or sent through an SMTP server. */
export type MailConfig = { transport: 'outbox' } | { transport: 'smtp'; url: string; from?: string }

/** Where the outbox lives and who sends by default. */
export interface MailerOptions {
  /** The Quantum home folder; the outbox is `<home>/quantum.db`. */
  home: string
  /** Sender for messages without one (after the SMTP config's `from`); `noreply@quantum.dev` if not given. */
  defaultFrom?: string
}

/**
 * A {@link Mailer} for `q:mail`, built on nodemailer. Failures are `RUNTIME_MAIL`
 * (`Failed to send email: …`).
 */
export function createMailer(config: MailConfig | undefined, options: MailerOptions): Mailer {
  const resolved = config ?? { transport: 'outbox' }
  if (resolved.transport === 'smtp') {
    return createSmtpMailer(resolved.url, resolved.from || options.defaultFrom || DEFAULT_FROM)
  }
  return createOutboxMailer(options.home, options.defaultFrom || DEFAULT_FROM)
}
