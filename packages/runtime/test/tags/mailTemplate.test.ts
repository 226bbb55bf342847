import { realpathSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Mailer } from '../../src/index'
import { createMailer, openOutbox } from '../../src/services'
import { type SourceApp, sourceApp } from '../support/sourceFiles'

let app: SourceApp
let mailer: Mailer
let home: string

beforeEach(() => {
  app = sourceApp()
  home = join(app.dir, '.state')
  mailer = createMailer({ transport: 'outbox' }, { home })
})

afterEach(async () => {
  await mailer.close()
  app.remove()
})

const send = (path: string, params: Record<string, unknown> = {}) =>
  app.run(path, { services: { mailer }, params })

async function failure(path: string, params: Record<string, unknown> = {}) {
  try {
    await send(path, params)
  } catch (error) {
    return error as Error & { code: string; location: string }
  }
  throw new Error('expected the run to fail')
}

function bodies(): string[] {
  const outbox = openOutbox(home)
  try {
    return outbox
      .list()
      .reverse()
      .map((mail) => mail.body)
  } finally {
    outbox.close()
  }
}

const mailing = (template: string, extra = '') => `<q:component name="News">
  <q:set name="site" value="quantum.dev"/>
  <q:set name="subs" value='[{"email": "ada@example.com", "name": "Ada"}, {"email": "grace@example.com", "name": "Grace"}]' type="array"/>
  <q:loop type="array" var="sub" items="{subs}">
    <q:mail to="{sub.email}" subject="Newsletter">
      <q:body template="${template}">
        <q:param name="name" value="{sub.name}"/>${extra}
      </q:body>
    </q:mail>
  </q:loop>
</q:component>`

describe('<q:body template> (issue 11)', () => {
  it("renders the template file for each mail, with its params and the run's variables in scope", async () => {
    app.write(
      'templates/newsletter.html',
      '<h1>Hello {name}!</h1>\r\n<p>News from {site}: {upper(name)}</p>\n',
    )
    app.write('news.q', mailing('templates/newsletter.html'))
    await send('news.q')
    expect(bodies()).toEqual([
      '<h1>Hello Ada!</h1>\n<p>News from quantum.dev: ADA</p>\n',
      '<h1>Hello Grace!</h1>\n<p>News from quantum.dev: GRACE</p>\n',
    ])
  })

  it("finds the template relative to the document's folder", async () => {
    app.write('jobs/newsletter.html', 'Hi {name}')
    app.write('jobs/news.q', mailing('newsletter.html'))
    await send('jobs/news.q')
    expect(bodies()).toEqual(['Hi Ada', 'Hi Grace'])
  })

  it('fails at the q:body for a missing template, and refuses one outside the app folder', async () => {
    app.write('news.q', mailing('missing.html'))
    const missing = await failure('news.q')
    expect(missing.code).toBe('RUNTIME_FILE')
    expect(missing.message).toContain("'missing.html'")
    expect(missing.message).toContain('no such file')
    expect(missing.location).toBe(`${join(app.dir, 'news.q')}:6:7`)

    app.write('climb.q', mailing('../outside.html'))
    const climbing = await failure('climb.q')
    expect(climbing.code).toBe('RUNTIME_FILE_ACCESS')
    expect(climbing.message).toContain("Template '../outside.html' is refused")
    expect(bodies()).toEqual([])
  })

  it('locates an unknown placeholder and a broken expression in the template file', async () => {
    const template = app.write('newsletter.html', '<h1>Hello {name}!</h1>\n<p>Your plan: {plan}</p>\n')
    app.write('news.q', mailing('newsletter.html'))
    const unknown = await failure('news.q')
    expect(unknown.code).toBe('RUNTIME_NOT_FOUND')
    expect(unknown.message).toMatch(/^Template placeholder \{plan\} names nothing in scope/)
    expect(unknown.message).toContain(`the body at ${join(app.dir, 'news.q')}:6:7`)
    expect(unknown.location).toBe(`${realpathSync(template)}:2:15`)

    app.write('newsletter.html', 'Hello\n  {name +}\n')
    const broken = await failure('news.q')
    expect(broken.code).toBe('PARSE_EXPRESSION')
    expect(broken.location).toBe(`${realpathSync(template)}:2:10`)
    expect(bodies()).toEqual([])
  })
})
