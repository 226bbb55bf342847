import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { openOutbox } from '@quantum/runtime/services'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { run } from './run'

// `quantum run` loads other components (`q:invoke component=`) and mail templates with the parser:
// next to the document, then in the app folder's `components/`.

let dir: string

beforeEach(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'quantum-cli-sources-')))
})

afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

function write(path: string, text: string): string {
  const file = join(dir, path)
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, text)
  return file
}

describe('quantum run with components and templates (issue 11)', () => {
  it('calls a function of a component in components/ and mails a body rendered from a template', async () => {
    write(
      'app/components/Greeter.q',
      `<q:component name="Greeter">
  <q:function name="greeting">
    <q:param name="name"/>
    <q:return value="Welcome, {name}"/>
  </q:function>
</q:component>
`,
    )
    write('app/welcome.html', '<p>{greeting}</p>\n<p>Your id is {id}.</p>\n')
    const main = write(
      'app/main.q',
      `<q:component name="Main">
  <q:invoke name="greeting" component="Greeter" method="greeting"><q:param name="name" value="Ada"/></q:invoke>
  <q:mail to="ada@example.com" subject="Hi">
    <q:body template="welcome.html"><q:param name="id" value="{40 + 2}"/></q:body>
  </q:mail>
  <q:return value="{greeting}"/>
</q:component>
`,
    )
    const home = join(dir, 'home')
    const result = await run(['run', main, '--home', home], { cwd: dir })
    expect(result.stderr).toBe('')
    expect(result.stdout).toBe('Result: Welcome, Ada\n')
    expect(result.code).toBe(0)
    const outbox = openOutbox(home)
    try {
      expect(outbox.list().map((mail) => mail.body)).toEqual(['<p>Welcome, Ada</p>\n<p>Your id is 42.</p>\n'])
    } finally {
      outbox.close()
    }
  })

  it("prints an error in a template with the template's own code frame", async () => {
    const template = write('app/welcome.html', '<p>Hello {name}</p>\n<p>{missing}</p>\n')
    const main = write(
      'app/main.q',
      `<q:component name="Main">
  <q:mail to="ada@example.com" subject="Hi">
    <q:body template="welcome.html"><q:param name="name" value="Ada"/></q:body>
  </q:mail>
</q:component>
`,
    )
    const result = await run(['run', main, '--home', join(dir, 'home')], { cwd: dir })
    expect(result.code).toBe(1)
    const [head, ...frame] = result.stderr.split('\n')
    expect(head).toMatch(
      new RegExp(
        `^${template.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:4: error RUNTIME_NOT_FOUND: Template placeholder \\{missing\\}`,
      ),
    )
    expect(frame.join('\n')).toContain('>> 2| <p>{missing}</p>')
  })
})
