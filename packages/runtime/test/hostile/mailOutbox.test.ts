import { once } from 'node:events'
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { SMTPServer } from 'smtp-server'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Files, Mailer, MailMessage } from '../../src/index'
import { createFiles, createMailer, openOutbox } from '../../src/services'
import { run } from '../helpers'
import { hostile, hostileError } from '../support/hostile'

// Issue 19, item 7: 60 mails with 24 MB attachments wrote 1.97 GB into quantum.db in 28 s, and one
// mail with 30 attachments peaked at 2.8 GB before failing.

const MB = 1024 * 1024

let dir: string
let home: string
let files: Files
let mailer: Mailer | undefined

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'quantum-hostile-mail-'))
  home = join(dir, 'home')
  files = createFiles({ roots: [dir], denied: [home], base: dir })
})

afterEach(async () => {
  await mailer?.close()
  mailer = undefined
  rmSync(dir, { recursive: true, force: true })
})

/**
 * A file of `bytes` random-looking bytes in the test folder (incompressible, as attachments are),
 * written a megabyte at a time so that making it does not grow the process.
 */
function bigFile(name: string, bytes: number): string {
  const chunk = Buffer.allocUnsafe(MB)
  const fd = openSync(join(dir, name), 'w')
  try {
    for (let at = 0; at < bytes; at += MB) {
      for (let i = 0; i < MB; i += 4) chunk.writeUInt32LE(((at + i) * 2654435761) >>> 0, i)
      writeSync(fd, chunk, 0, Math.min(MB, bytes - at))
    }
  } finally {
    closeSync(fd)
  }
  return name
}

/** A `q:mail` at line 2, column 1, attaching `names`. */
function mailing(names: readonly string[]): string {
  const attachments = names.map((name) => `<q:attachment file="${name}"/>`).join('')
  return `<q:component name="Job">
<q:mail to="boss@example.com" subject="Report">Numbers.${attachments}</q:mail>
</q:component>`
}

function stored() {
  const outbox = openOutbox(home)
  try {
    return outbox.list()
  } finally {
    outbox.close()
  }
}

/** The state database's size on disk, its write-ahead log included. */
function databaseBytes(): number {
  const size = (file: string) => {
    try {
      return statSync(join(home, file)).size
    } catch {
      return 0
    }
  }
  return size('quantum.db') + size('quantum.db-wal')
}

/** A message with one streamed attachment that gives `bytes` while it declares `declared`. */
function lyingMessage(bytes: number, declared: number): MailMessage {
  async function* chunks() {
    for (let sent = 0; sent < bytes; sent += MB) yield Buffer.alloc(MB, 'x')
  }
  return {
    to: ['boss@example.com'],
    cc: [],
    bcc: [],
    from: '',
    subject: 'Grows',
    format: 'text',
    body: 'Numbers.',
    attachments: [{ filename: 'grows.bin', content: chunks(), size: declared }],
  }
}

describe('hostile: the mail outbox is bounded', () => {
  it('fails with a coded error at the q:mail once the outbox is full; quantum.db stays under the limit', async () => {
    const limit = 20 * MB
    mailer = createMailer({ transport: 'outbox', maxOutboxBytes: limit }, { home })
    const source = mailing([bigFile('big.bin', 3 * MB)])
    let sent = 0
    let failure: (Error & { code: string; location: string }) | undefined
    const started = performance.now()
    for (; sent < 20 && !failure; sent++) {
      failure = await run(source, { services: { mailer, files } }).then(
        () => undefined,
        (error: Error & { code: string; location: string }) => error,
      )
    }
    expect(performance.now() - started).toBeLessThan(30_000)
    expect([failure?.code, failure?.location]).toEqual(['RUNTIME_LIMIT_EXCEEDED', 'test.q:2:1'])
    expect(failure?.message).toMatch(
      /^Cannot store email in the outbox: it holds \d+ bytes, and this message's \d+ would take it past the limit of 20971520 \(mail.maxOutboxBytes\)/,
    )
    // 3 MB is about 4.1 MB once base64-encoded: four fit, the fifth does not.
    expect(stored()).toHaveLength(4)
    expect(sent).toBe(5)
    expect(databaseBytes()).toBeLessThan(limit + 8 * MB)
  })

  it('refuses one mail with 30 big attachments before reading them, with memory bounded', async () => {
    mailer = createMailer(undefined, { home })
    const name = bigFile('big.bin', 20 * MB)
    const error = await hostileError(mailing(Array.from({ length: 30 }, () => name)), {
      services: { mailer, files },
    })
    expect([error.code, error.location]).toEqual(['RUNTIME_LIMIT_EXCEEDED', 'test.q:2:1'])
    expect(error.message).toBe(
      'Cannot send email: its body and attachments have 629145608 bytes or more, more than the limit of 26214400 (mail.maxMessageBytes)',
    )
    expect(stored()).toEqual([])
  })

  it('holds one message to mail.maxMessageBytes, body included, and stores one within it', async () => {
    mailer = createMailer({ transport: 'outbox', maxMessageBytes: MB }, { home })
    const name = bigFile('big.bin', MB - 100)
    const over = await hostileError(
      `<q:mail to="boss@example.com" subject="Report">{text}<q:attachment file="${name}"/></q:mail>`,
      { services: { mailer, files }, params: { text: 'x'.repeat(200) } },
    )
    expect([over.code, over.location, (over as { details?: unknown }).details]).toEqual([
      'RUNTIME_LIMIT_EXCEEDED',
      'test.q:1:26',
      { size: MB + 100, maxBytes: MB, limit: 'mail.maxMessageBytes' },
    ])
    await hostile(
      `<q:mail to="boss@example.com" subject="Report">{text}<q:attachment file="${name}"/></q:mail>`,
      { services: { mailer, files }, params: { text: 'x'.repeat(50) } },
    )
    expect(stored()).toHaveLength(1)
  })

  it('counts an attachment as it streams: one that gives more than it declared fails, and nothing is stored', async () => {
    mailer = createMailer({ transport: 'outbox', maxMessageBytes: 4 * MB }, { home })
    await expect(mailer.send(lyingMessage(64 * MB, 10))).rejects.toMatchObject({
      code: 'RUNTIME_LIMIT_EXCEEDED',
      details: { limit: 'mail.maxMessageBytes' },
    })
    expect(stored()).toEqual([])
  })

  it('counts the messages of an outbox written before sizes were kept', async () => {
    mkdirSync(home)
    const old = new Database(join(home, 'quantum.db'))
    old.exec(`CREATE TABLE mail_outbox (id TEXT PRIMARY KEY, created_at TEXT NOT NULL, from_address TEXT NOT NULL,
      to_addresses TEXT NOT NULL, cc_addresses TEXT NOT NULL, bcc_addresses TEXT NOT NULL, reply_to TEXT,
      subject TEXT NOT NULL, format TEXT NOT NULL, body TEXT NOT NULL, raw TEXT NOT NULL, message_id TEXT NOT NULL)`)
    old
      .prepare(
        `INSERT INTO mail_outbox VALUES ('old', ?, 'a@example.com', '[]', '[]', '[]', NULL, 'Old', 'text', 'x', ?, 'm')`,
      )
      .run(new Date().toISOString(), 'y'.repeat(MB))
    old.close()
    mailer = createMailer({ transport: 'outbox', maxOutboxBytes: MB + 100 }, { home })
    const full = await hostileError('<q:mail to="a@example.com" subject="New">Two</q:mail>', {
      services: { mailer },
    })
    expect(full.message).toMatch(/^Cannot store email in the outbox: it holds 1048577 bytes, /)
    expect(stored().map((mail) => mail.subject)).toEqual(['Old'])
  })

  it('deletes messages older than mail.outboxMaxAge as new ones arrive', async () => {
    mailer = createMailer({ transport: 'outbox', outboxMaxAgeMs: 300 }, { home })
    await run('<q:mail to="a@example.com" subject="First">One</q:mail>', { services: { mailer } })
    await new Promise((resolve) => setTimeout(resolve, 600))
    await run('<q:mail to="a@example.com" subject="Second">Two</q:mail>', { services: { mailer } })
    expect(stored().map((mail) => mail.subject)).toEqual(['Second'])
  })
})

/** An SMTP server on loopback that counts what it receives and keeps none of it. */
async function startCountingServer() {
  const received: number[] = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      let bytes = 0
      stream.on('data', (chunk: Buffer) => {
        bytes += chunk.byteLength
      })
      stream.on('end', () => {
        received.push(bytes)
        callback()
      })
    },
  })
  server.listen(0, '127.0.0.1')
  await once(server.server, 'listening')
  return {
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

describe('hostile: mail over SMTP streams and is bounded', () => {
  it('streams a 100 MB attachment to the server without holding it', async () => {
    const server = await startCountingServer()
    try {
      mailer = createMailer({ transport: 'smtp', url: server.url, maxMessageBytes: 200 * MB }, { home })
      const name = bigFile('big.bin', 100 * MB)
      const roomy = createFiles({ roots: [dir], denied: [home], base: dir, maxReadBytes: 200 * MB })
      const baseline = process.memoryUsage().rss
      let peak = baseline
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss)
      }, 5)
      const started = performance.now()
      try {
        await run(mailing([name]), { services: { mailer, files: roomy } })
      } finally {
        clearInterval(sampler)
      }
      expect(performance.now() - started).toBeLessThan(60_000)
      expect(server.received).toHaveLength(1)
      expect(server.received[0]).toBeGreaterThan(133 * MB)
      expect(peak - baseline).toBeLessThan(64 * MB)
    } finally {
      await mailer?.close()
      await server.close()
    }
  })

  it('refuses a message over mail.maxMessageBytes, declared or as it streams, and the server accepts none', async () => {
    const server = await startCountingServer()
    try {
      mailer = createMailer({ transport: 'smtp', url: server.url, maxMessageBytes: MB }, { home })
      const error = await hostileError(mailing([bigFile('big.bin', 2 * MB)]), {
        services: { mailer, files },
      })
      expect([error.code, error.location]).toEqual(['RUNTIME_LIMIT_EXCEEDED', 'test.q:2:1'])
      await expect(mailer.send(lyingMessage(16 * MB, 10))).rejects.toMatchObject({
        code: 'RUNTIME_LIMIT_EXCEEDED',
        details: { limit: 'mail.maxMessageBytes' },
      })
      expect(server.received).toEqual([])
    } finally {
      await mailer?.close()
      await server.close()
    }
  })
})
