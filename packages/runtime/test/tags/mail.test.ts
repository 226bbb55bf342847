import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Mailer } from '../../src/index'
import { createFiles, createMailer, openOutbox } from '../../src/services'
import { run, runError } from '../helpers'
import { type Delivered, type SmtpCapture, startSmtpCapture } from '../support/smtp'

let home: string
let mailer: Mailer

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'quantum-tags-mail-'))
})

afterEach(async () => {
  await mailer?.close()
  rmSync(home, { recursive: true, force: true })
})

/** The messages the outbox holds, oldest first. */
function outbox() {
  const box = openOutbox(home)
  try {
    return box.list().reverse()
  } finally {
    box.close()
  }
}

/** The bytes of a single-part message's body, undoing its transfer encoding. */
function bodyBytes(raw: string | undefined): Buffer {
  const [head = '', body = ''] = (raw ?? '').split('\r\n\r\n')
  const encoding = /^Content-Transfer-Encoding: (\S+)/im.exec(head)?.[1]?.toLowerCase()
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64')
  if (encoding !== 'quoted-printable') return Buffer.from(body.replace(/\r\n$/, ''), 'latin1')
  const soft = body.replace(/=\r\n/g, '').replace(/\r\n$/, '')
  const bytes: number[] = []
  for (let i = 0; i < soft.length; i++) {
    if (soft[i] === '=') {
      bytes.push(Number.parseInt(soft.slice(i + 1, i + 3), 16))
      i += 2
    } else bytes.push(soft.charCodeAt(i))
  }
  return Buffer.from(bytes)
}

const ORDER = { id: 42, total: '12.50', customer: { name: 'Ada', email: 'ada@example.com' } }

describe('q:mail with the outbox transport', () => {
  beforeEach(() => {
    mailer = createMailer({ transport: 'outbox' }, { home })
  })

  it('stores the message with its recipient lists, databound subject and HTML body', async () => {
    const result = await run(
      `
      <q:mail to="{order.customer.email}, sales@example.com" cc=" a@example.com ,b@example.com" bcc="{audit}"
              from="shop@example.com" replyTo="help@example.com" subject="Order #{order.id} confirmed">
        <q:body><h1>Thanks, {order.customer.name}!</h1><p>Total: \${order.total}</p></q:body>
      </q:mail>
      <p>{_mail_result.success} {_mail_result.to} / {_mail_result.subject} / {_mail_result.transport}</p>
    `,
      { services: { mailer }, params: { order: ORDER, audit: 'audit@example.com' } },
    )
    const [mail, ...others] = outbox()
    expect(others).toEqual([])
    expect(mail).toMatchObject({
      from: 'shop@example.com',
      to: ['ada@example.com', 'sales@example.com'],
      cc: ['a@example.com', 'b@example.com'],
      bcc: ['audit@example.com'],
      replyTo: 'help@example.com',
      subject: 'Order #42 confirmed',
      format: 'html',
      body: '<h1>Thanks, Ada!</h1><p>Total: $12.50</p>',
    })
    expect(mail?.raw).toContain('Content-Type: text/html')
    expect(mail?.raw).toContain('Subject: Order #42 confirmed')
    expect(mail?.raw).not.toContain('audit@example.com')
    expect(result.output).toContain(
      '<p>true ada@example.com, sales@example.com / Order #42 confirmed / outbox</p>',
    )
    expect(result.variables._mail_result).toMatchObject({
      success: true,
      id: mail?.id,
      messageId: mail?.messageId,
    })
  })

  // Known parser bug (packages/parser/src/syntax/text.ts, markup branch of elementText): the raw HTML
  // starts at the first element, so the first line loses its indentation and the others keep it.
  it('dedents a multi-line HTML body', async () => {
    await run(
      `
      <q:mail to="a@example.com" subject="Hi">
        <q:body>
          <h1>Thanks, {name}!</h1>
          <p>Total: 3</p>
            <p>Indented stays indented.</p>
        </q:body>
      </q:mail>
    `,
      { services: { mailer }, params: { name: 'Ada' } },
    )
    expect(outbox()[0]?.body).toBe(
      '<h1>Thanks, Ada!</h1>\n<p>Total: 3</p>\n  <p>Indented stays indented.</p>',
    )
  })

  it('sends type="text" as plain text, from the default sender', async () => {
    await run(
      `
      <q:mail to="{order.customer.email}" subject="Receipt" type="text">
        <q:body>
          Hello {order.customer.name},
            total: {order.total}
        </q:body>
      </q:mail>
    `,
      { services: { mailer }, params: { order: ORDER } },
    )
    const [mail] = outbox()
    expect(mail).toMatchObject({
      from: 'noreply@quantum.dev',
      to: ['ada@example.com'],
      cc: [],
      bcc: [],
      format: 'text',
      body: 'Hello Ada,\n  total: 12.50',
    })
    expect(mail?.raw).toContain('Content-Type: text/plain')
    expect(mail?.raw).not.toContain('text/html')
  })

  it('takes the body from the element text or the body attribute', async () => {
    await run(
      `
      <q:mail to="a@example.com" subject="one" type="text">
        Plain {n}
      </q:mail>
      <q:mail to="b@example.com" subject="two" type="text" body="Attribute {n}"/>
    `,
      { services: { mailer }, params: { n: 7 } },
    )
    expect(outbox().map((mail) => [mail.to[0], mail.body])).toEqual([
      ['a@example.com', 'Plain 7'],
      ['b@example.com', 'Attribute 7'],
    ])
  })

  it('sends one message per loop iteration', async () => {
    const result = await run(
      `
      <q:loop type="array" var="subscriber" items="{subscribers}">
        <q:mail to="{subscriber.email}" subject="Newsletter for {subscriber.name}">
          <q:body>{newsletter}</q:body>
        </q:mail>
      </q:loop>
      <p>sent to {subscribers.length}</p>
    `,
      {
        services: { mailer },
        params: {
          subscribers: [
            { name: 'Ada', email: 'ada@example.com' },
            { name: 'Grace', email: 'grace@example.com' },
          ],
          newsletter: '<h1>News</h1>',
        },
      },
    )
    expect(outbox().map((mail) => [mail.to, mail.subject, mail.body])).toEqual([
      [['ada@example.com'], 'Newsletter for Ada', '<h1>News</h1>'],
      [['grace@example.com'], 'Newsletter for Grace', '<h1>News</h1>'],
    ])
    expect(result.output).toContain('<p>sent to 2</p>')
  })

  it('attaches a file under the given name, or under its own', async () => {
    const file = join(home, 'report-2026.csv')
    writeFileSync(file, 'day,orders\nmon,3\n')
    await run(
      `
      <q:mail to="boss@example.com" subject="Report" type="text">
        <q:body>See attached.</q:body>
        <q:attachment file="{file}" name="report.csv"/>
        <q:attachment file="{file}"/>
      </q:mail>
    `,
      { services: { mailer, files: createFiles({ roots: [home] }) }, params: { file } },
    )
    const [mail] = outbox()
    expect(mail?.raw).toContain('filename=report.csv')
    expect(mail?.raw).toContain('filename=report-2026.csv')
    expect(mail?.raw).toContain(Buffer.from('day,orders\nmon,3\n').toString('base64'))
  })

  it('fails with RUNTIME_SERVICE_MISSING at the attachment when the host gives no file rules', async () => {
    const error = await runError(
      `<q:component name="Test">
  <q:mail to="boss@example.com" subject="Report">
    <q:attachment file="report.csv"/>
  </q:mail>
</q:component>`,
      { services: { mailer } },
    )
    expect([error.code, error.location]).toEqual(['RUNTIME_SERVICE_MISSING', 'test.q:3:5'])
    expect(outbox()).toEqual([])
  })

  it('fails with RUNTIME_SERVICE_MISSING when the host gives no mailer', async () => {
    const error = await runError('<q:mail to="a@example.com" subject="x"><q:body>y</q:body></q:mail>')
    expect(error.code).toBe('RUNTIME_SERVICE_MISSING')
    expect(error.message).toContain('<q:mail>')
  })
})

describe('q:mail with the smtp transport', () => {
  let smtp: SmtpCapture
  let port: number
  let delivered: Delivered[]

  beforeAll(async () => {
    smtp = await startSmtpCapture()
    port = smtp.port
    delivered = smtp.delivered
  })

  afterAll(async () => {
    await smtp.close()
  })

  beforeEach(() => {
    delivered.length = 0
    mailer = createMailer(
      { transport: 'smtp', url: `smtp://127.0.0.1:${port}`, from: 'app@example.com' },
      { home },
    )
  })

  it('writes the body in the declared charset and says so in its Content-Type', async () => {
    await run(
      `<q:mail to="ada@example.com" subject="Recibo" type="text" charset="ISO-8859-1">Olá {name}, ação concluída</q:mail>
       <q:mail to="ada@example.com" subject="Page" charset="latin1"><q:body><p>Olá</p></q:body></q:mail>`,
      { services: { mailer }, params: { name: 'Zoë' } },
    )
    expect(delivered).toHaveLength(2)
    const [text, html] = delivered.map((mail) => mail.raw)
    expect(text).toContain('Content-Type: text/plain; charset=iso-8859-1')
    expect(html).toContain('Content-Type: text/html; charset=iso-8859-1')
    expect(bodyBytes(text).toString('latin1')).toBe('Olá Zoë, ação concluída')
    expect(bodyBytes(html).toString('latin1')).toBe('<p>Olá</p>')
  })

  it('refuses a body that the declared charset cannot hold, naming the character', async () => {
    const error = await runError(
      `<q:mail to="ada@example.com" subject="x" type="text" charset="us-ascii">Total: 5 €</q:mail>`,
      { services: { mailer } },
    )
    expect(error).toMatchObject({ code: 'RUNTIME_MAIL', position: { start: { line: 1 } } })
    expect(error.message).toBe(
      'Email body cannot be written in us-ascii: \'€\' (U+20AC) at character 10; use charset="utf-8"',
    )
    expect(delivered).toEqual([])
  })

  it('delivers to every to, cc and bcc address with the subject and body', async () => {
    const result = await run(
      `
      <q:mail to="{order.customer.email}" cc="sales@example.com" bcc="audit@example.com, archive@example.com"
              subject="Payment Confirmed for #{order.id}" type="text">
        <q:body>
          Dear {order.customer.name},
          your payment of {order.total} was received.
        </q:body>
      </q:mail>
      <p>{_mail_result.transport} {_mail_result.success}</p>
    `,
      { services: { mailer }, params: { order: ORDER } },
    )
    expect(delivered).toHaveLength(1)
    const [mail] = delivered
    expect(mail?.from).toBe('app@example.com')
    expect(mail?.to).toEqual([
      'ada@example.com',
      'sales@example.com',
      'audit@example.com',
      'archive@example.com',
    ])
    expect(mail?.raw).toContain('Subject: Payment Confirmed for #42')
    expect(mail?.raw).toContain('To: ada@example.com')
    expect(mail?.raw).toContain('Cc: sales@example.com')
    expect(mail?.raw).not.toContain('audit@example.com')
    expect(mail?.raw).toContain('Content-Type: text/plain')
    expect(mail?.raw).toContain('Dear Ada,\r\nyour payment of 12.50 was received.')
    expect(result.output).toContain('<p>smtp true</p>')
    expect(result.variables._mail_result).toMatchObject({ success: true, id: null })
  })

  it('keeps a display name with a comma in one address', async () => {
    await run(
      `<q:mail to='"Lovelace, Ada" &lt;ada@example.com&gt;, grace@example.com' subject="Hi" type="text">
        <q:body>Hello</q:body>
      </q:mail>`,
      { services: { mailer } },
    )
    expect(delivered[0]?.to).toEqual(['ada@example.com', 'grace@example.com'])
    expect(delivered[0]?.raw).toContain('To: "Lovelace, Ada" <ada@example.com>, grace@example.com')
  })

  it('fails with RUNTIME_MAIL at the tag when the server refuses the recipient', async () => {
    const error = await runError(
      `<q:component name="Test">
  <q:set name="x" value="1"/>
  <q:mail to="nobody@blocked.example.com" subject="Hi"><q:body>Hello</q:body></q:mail>
  <q:set name="after" value="2"/>
</q:component>`,
      { services: { mailer } },
    )
    expect(error.code).toBe('RUNTIME_MAIL')
    expect(error.message).toMatch(/^Failed to send email: .*Mailbox unavailable/)
    expect(error.location).toBe('test.q:3:3')
    expect(delivered).toEqual([])
  })
})
