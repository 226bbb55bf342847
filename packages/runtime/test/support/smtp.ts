import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'

/** A message the capture server accepted. */
export interface Delivered {
  from: string
  to: string[]
  user: string | undefined
  raw: string
}

/** A real SMTP server on loopback that keeps what it receives. */
export interface SmtpCapture {
  port: number
  delivered: Delivered[]
  close(): Promise<void>
}

/**
 * Start an SMTP server on 127.0.0.1 (a free port). With `login`, that user and password may
 * authenticate; recipients at `@blocked.example.com` are refused.
 */
export async function startSmtpCapture(login?: { username: string; password: string }): Promise<SmtpCapture> {
  const delivered: Delivered[] = []
  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (login && auth.username === login.username && auth.password === login.password)
        callback(null, { user: auth.username })
      else callback(new Error('Invalid username or password'))
    },
    onRcptTo(address, _session, callback) {
      if (address.address.endsWith('@blocked.example.com')) callback(new Error('Mailbox unavailable'))
      else callback()
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        const mailFrom = session.envelope.mailFrom
        delivered.push({
          from: mailFrom ? mailFrom.address : '',
          to: session.envelope.rcptTo.map((address) => address.address),
          user: session.user as string | undefined,
          raw: Buffer.concat(chunks).toString('utf8'),
        })
        callback()
      })
    },
  })
  server.listen(0, '127.0.0.1')
  await once(server.server, 'listening')
  return {
    port: (server.server.address() as AddressInfo).port,
    delivered,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
