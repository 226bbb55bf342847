import { ErrorCodes } from '@quantum/ast'
import { requireOptional } from '../optionalPeer'

/**
 * nodemailer, loaded when a mailer sends its first message (it is an optional peer dependency).
 *
 * @throws RuntimeError `RUNTIME_MAIL` naming the package when it is missing or fails to load
 */
export function loadNodemailer(): typeof import('nodemailer') {
  return requireOptional('nodemailer', ErrorCodes.RUNTIME_MAIL, 'Failed to send email')
}
