import { once } from 'node:events'
import { mkdtempSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ErrorCodes, RuntimeError } from '@quantum/ast'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MailMessage } from '../../src/index'
import { createMailer } from '../../src/services'
import { type Delivered, type SmtpCapture, startSmtpCapture } from '../support/smtp'

let home: string
let smtp: SmtpCapture
let port: number
let received: Delivered[]

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'quantum-smtp-'))
  smtp = await startSmtpCapture({ username: 'user', password: 'secret' })
  port = smtp.port
  received = smtp.delivered
})

afterAll(async () => {
  await smtp.close()
  rmSync(home, { recursive: true, force: true })
})

function message(overrides: Partial<MailMessage> = {}): MailMessage {
  return {
    to: ['alice@example.com', 'bob@example.com'],
    cc: ['carol@example.com'],
    bcc: ['dave@example.com'],
    from: 'app@example.com',
    subject: 'Quarterly report',
    format: 'text',
    body: 'The numbers are in.',
    attachments: [],
    ...overrides,
  }
}

describe('SMTP mailer', () => {
  it('delivers a message to a real SMTP server', async () => {
    const mailer = createMailer({ transport: 'smtp', url: `smtp://127.0.0.1:${port}` }, { home })
    try {
      const receipt = await mailer.send(message({ replyTo: 'replies@example.com' }))
      expect(receipt.transport).toBe('smtp')
      expect(receipt.messageId).toMatch(/^<.+@.+>$/)
      const mail = received.at(-1)!
      expect(mail.from).toBe('app@example.com')
      expect(mail.to).toEqual([
        'alice@example.com',
        'bob@example.com',
        'carol@example.com',
        'dave@example.com',
      ])
      expect(mail.raw).toContain('Subject: Quarterly report')
      expect(mail.raw).toContain('The numbers are in.')
      expect(mail.raw).toContain('Reply-To: replies@example.com')
      expect(mail.raw).toContain(`Message-ID: ${receipt.messageId}`)
      expect(mail.raw).not.toContain('dave@example.com')
    } finally {
      await mailer.close()
    }
  })

  it('logs in with the credentials in the URL and uses the configured sender', async () => {
    const mailer = createMailer(
      { transport: 'smtp', url: `smtp://user:secret@127.0.0.1:${port}`, from: 'config@example.com' },
      { home },
    )
    try {
      await mailer.send(
        message({ from: '', format: 'html', body: '<p>Hello <b>there</b></p>', cc: [], bcc: [] }),
      )
      const mail = received.at(-1)!
      expect(mail.user).toBe('user')
      expect(mail.from).toBe('config@example.com')
      expect(mail.raw).toContain('Content-Type: text/html')
      expect(mail.raw).toContain('<p>Hello <b>there</b></p>')
    } finally {
      await mailer.close()
    }
  })

  it('falls back to noreply@quantum.dev as the sender', async () => {
    const mailer = createMailer({ transport: 'smtp', url: `smtp://127.0.0.1:${port}` }, { home })
    try {
      await mailer.send(message({ from: '' }))
      expect(received.at(-1)!.from).toBe('noreply@quantum.dev')
    } finally {
      await mailer.close()
    }
  })

  it('reports a rejected login as RUNTIME_MAIL', async () => {
    const mailer = createMailer({ transport: 'smtp', url: `smtp://user:wrong@127.0.0.1:${port}` }, { home })
    try {
      const error = await mailer.send(message()).catch((reason: unknown) => reason)
      expect(error).toBeInstanceOf(RuntimeError)
      expect((error as RuntimeError).code).toBe(ErrorCodes.RUNTIME_MAIL)
      expect((error as RuntimeError).message).toMatch(/^Failed to send email: .*Invalid username or password/)
    } finally {
      await mailer.close()
    }
  })

  it('reports an unreachable server as RUNTIME_MAIL', async () => {
    const probe = createServer()
    probe.listen(0, '127.0.0.1')
    await once(probe, 'listening')
    const closedPort = (probe.address() as AddressInfo).port
    await new Promise<void>((resolve) => probe.close(() => resolve()))
    const mailer = createMailer({ transport: 'smtp', url: `smtp://127.0.0.1:${closedPort}` }, { home })
    try {
      const error = await mailer.send(message()).catch((reason: unknown) => reason)
      expect((error as RuntimeError).code).toBe(ErrorCodes.RUNTIME_MAIL)
      expect((error as RuntimeError).message).toMatch(/^Failed to send email: .*ECONNREFUSED/)
    } finally {
      await mailer.close()
    }
  })

  it('does not send when the signal is already aborted', async () => {
    const mailer = createMailer({ transport: 'smtp', url: `smtp://127.0.0.1:${port}` }, { home })
    const count = received.length
    try {
      const controller = new AbortController()
      controller.abort()
      const error = await mailer.send(message(), controller.signal).catch((reason: unknown) => reason)
      expect((error as RuntimeError).code).toBe(ErrorCodes.RUNTIME_ABORTED)
      expect(received.length).toBe(count)
    } finally {
      await mailer.close()
    }
  })
})
