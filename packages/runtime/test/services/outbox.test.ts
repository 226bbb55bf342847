import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Mailer, MailMessage } from '../../src/index'
import { createMailer, openOutbox } from '../../src/services'

let home: string
let mailer: Mailer

beforeEach(() => {
  home = join(mkdtempSync(join(tmpdir(), 'quantum-outbox-')), 'home')
  mailer = createMailer({ transport: 'outbox' }, { home })
})

afterEach(async () => {
  await mailer.close()
  rmSync(join(home, '..'), { recursive: true, force: true })
})

function message(overrides: Partial<MailMessage> = {}): MailMessage {
  return {
    to: ['alice@example.com'],
    cc: [],
    bcc: [],
    from: 'app@example.com',
    subject: 'Hello',
    format: 'text',
    body: 'Hi Alice',
    attachments: [],
    ...overrides,
  }
}

describe('outbox mailer', () => {
  it('stores every message in mail_outbox and lists them newest first', async () => {
    const first = await mailer.send(message({ subject: 'First message', cc: ['carol@example.com'] }))
    const second = await mailer.send(
      message({
        subject: 'Second message',
        from: '',
        to: ['bob@example.com', 'eve@example.com'],
        bcc: ['dave@example.com'],
        replyTo: 'replies@example.com',
        format: 'html',
        body: '<h1>Hi Bob</h1>',
      }),
    )
    expect(first).toMatchObject({ transport: 'outbox', id: expect.any(String) })
    expect(second.messageId).toMatch(/^<.+@.+>$/)
    expect(existsSync(join(home, 'quantum.db'))).toBe(true)

    const outbox = openOutbox(home)
    try {
      const mails = outbox.list()
      expect(mails.map((mail) => mail.id)).toEqual([second.id, first.id])
      const [newest, oldest] = mails
      expect(newest).toMatchObject({
        from: 'noreply@quantum.dev',
        to: ['bob@example.com', 'eve@example.com'],
        cc: [],
        bcc: ['dave@example.com'],
        replyTo: 'replies@example.com',
        subject: 'Second message',
        format: 'html',
        body: '<h1>Hi Bob</h1>',
        messageId: second.messageId,
      })
      expect(newest!.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)
      expect(newest!.raw).toContain('Subject: Second message')
      expect(newest!.raw).toContain('Content-Type: text/html')
      expect(newest!.raw).toContain(`Message-ID: ${second.messageId}`)
      expect(oldest).toMatchObject({
        from: 'app@example.com',
        to: ['alice@example.com'],
        cc: ['carol@example.com'],
        replyTo: null,
        subject: 'First message',
        format: 'text',
        body: 'Hi Alice',
      })
      expect(oldest!.raw).toContain('Subject: First message')
      expect(oldest!.raw).toContain('Hi Alice')

      expect(outbox.list({ limit: 1 }).map((mail) => mail.id)).toEqual([second.id])
      expect(outbox.get(first.id!)).toEqual(oldest)
      expect(outbox.get('missing')).toBeUndefined()
      expect(outbox.clear()).toBe(2)
      expect(outbox.list()).toEqual([])
    } finally {
      outbox.close()
    }
  })

  it('uses the default sender given in the options', async () => {
    await mailer.close()
    mailer = createMailer(undefined, { home, defaultFrom: 'team@example.com' })
    const receipt = await mailer.send(message({ from: '' }))
    const outbox = openOutbox(home)
    try {
      expect(outbox.get(receipt.id!)?.from).toBe('team@example.com')
    } finally {
      outbox.close()
    }
  })

  it('attaches the bytes it is given, under their file names', async () => {
    const content = Buffer.from('attached content')
    const receipt = await mailer.send(
      message({
        attachments: [
          { filename: 'q1.txt', content },
          { filename: 'report.txt', content },
        ],
      }),
    )
    const outbox = openOutbox(home)
    try {
      const raw = outbox.get(receipt.id!)!.raw
      expect(raw).toContain('filename=q1.txt')
      expect(raw).toContain('filename=report.txt')
      expect(raw).toContain(content.toString('base64'))
    } finally {
      outbox.close()
    }
  })

  it('opens an empty outbox in a new home folder', () => {
    const outbox = openOutbox(join(home, 'fresh'))
    try {
      expect(outbox.list()).toEqual([])
    } finally {
      outbox.close()
    }
  })
})
