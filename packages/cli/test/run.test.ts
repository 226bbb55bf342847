import { once } from 'node:events'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openOutbox } from '@quantum/runtime/services'
import { SMTPServer } from 'smtp-server'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { formatRunText } from '../src/format/runResult'
import { main } from '../src/main'
import { run } from './run'

/** A log line as the CLI writes it to stderr: `YYYY-MM-DD HH:MM:SS [LEVEL] message`. */
const LOG_LINE = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \[([A-Z]+)\] (.*)$/

const GREET = `<q:component name="Greet" xmlns:q="https://quantum.lang/ns">
  <q:param name="name" type="string" default="World"/>
  <q:param name="count" type="integer" default="1"/>
  <q:param name="loud" type="boolean" default="false"/>
  <q:set name="doubled" value="{count * 2}"/>
  <p>Hello {name}</p>
  <q:log message="greeted {name}"/>
  <q:log level="debug" message="count is {count}"/>
  <q:return value="{{ 'name': name, 'doubled': doubled, 'loud': loud }}"/>
</q:component>
`

// Line 4 divides by a string: a run-time type error at 4:3.
const FAILS = `<q:component name="Fails" xmlns:q="https://quantum.lang/ns">
  <p>before</p>
  <q:set name="word" value="abc"/>
  <q:set name="n" value="{10 - word}"/>
</q:component>
`

// Problems at 2:3 (unknown tag) and 3:3 (q:set without name); the q:log must never run.
const BROKEN = `<q:component name="Broken" xmlns:q="https://quantum.lang/ns">
  <q:frobnicate/>
  <q:set value="1"/>
  <q:log message="ran"/>
</q:component>
`

const WITH_ACTION = `<q:component name="Orders" xmlns:q="https://quantum.lang/ns">
  <q:param name="id" type="integer" default="1"/>
  <p>order {id}</p>
  <q:action name="cancel">
    <q:param name="reason" type="string" default="none"/>
    <p>cancelled {id}: {reason}</p>
    <q:redirect to="/orders/{id}" flash="cancelled"/>
    <q:return value="{id + 1000}"/>
  </q:action>
</q:component>
`

const NO_RETURN = `<q:component name="Quiet" xmlns:q="https://quantum.lang/ns">
  <p>no value</p>
</q:component>
`

// Writes to the default datasource `db` and reads back where it went.
const SQL = `<q:component name="Sql" xmlns:q="https://quantum.lang/ns">
  <q:query name="create" datasource="db">CREATE TABLE IF NOT EXISTS notes (body TEXT)</q:query>
  <q:query name="insert" datasource="db">
    INSERT INTO notes (body) VALUES (:body)
    <q:param name="body" value="hello" type="string"/>
  </q:query>
  <q:query name="notes" datasource="db">SELECT count(*) AS n FROM notes</q:query>
  <q:return value="{notes.n}"/>
</q:component>
`

const MAIL = `<q:component name="Mail" xmlns:q="https://quantum.lang/ns">
  <q:mail to="ada@example.com" from="app@example.com" subject="Hi" type="text">
    <q:body>Hello Ada</q:body>
  </q:mail>
  <q:return value="{_mail_result.transport}"/>
</q:component>
`

let dir: string

function write(name: string, text: string): string {
  writeFileSync(join(dir, name), text)
  return name
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'quantum-cli-run-'))
})

afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

describe('quantum run: text format', () => {
  it('prints the output, then the result, and exits 0; log lines go to stderr', async () => {
    write('greet.q', GREET)
    const result = await run(['run', 'greet.q'], { cwd: dir })
    expect(result.code).toBe(0)
    expect(result.stdout).toBe('<p>Hello World</p>\nResult: {"name":"World","doubled":2,"loud":false}\n')
    const logs = result.stderr.trimEnd().split('\n')
    expect(logs).toHaveLength(1)
    expect(logs[0]).toMatch(LOG_LINE)
    expect(logs[0]).toContain('[INFO] greeted World')
  })

  it('prints a string result as is, and no Result line when nothing was returned', async () => {
    write(
      's.q',
      `<q:component name="S" xmlns:q="https://quantum.lang/ns"><q:return value="plain text"/></q:component>`,
    )
    expect(await run(['run', 's.q'], { cwd: dir })).toEqual({
      code: 0,
      stdout: 'Result: plain text\n',
      stderr: '',
    })
    write('quiet.q', NO_RETURN)
    expect(await run(['run', 'quiet.q'], { cwd: dir })).toEqual({
      code: 0,
      stdout: '<p>no value</p>\n',
      stderr: '',
    })
  })

  it('writes debug log lines only with --verbose', async () => {
    write('greet.q', GREET)
    const verbose = await run(['run', 'greet.q', '--verbose'], { cwd: dir })
    expect(verbose.code).toBe(0)
    const levels = verbose.stderr
      .trimEnd()
      .split('\n')
      .map((line) => LOG_LINE.exec(line)?.[1])
    expect(levels).toEqual(['INFO', 'DEBUG'])
  })
})

describe('quantum run: json format', () => {
  it('prints exactly one JSON object with the contract keys', async () => {
    write('greet.q', GREET)
    const result = await run(['run', 'greet.q', '--format', 'json', '--param', 'name=Ada'], { cwd: dir })
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout)).toEqual({
      component: 'Greet',
      result: { name: 'Ada', doubled: 2, loud: false },
      output: '<p>Hello Ada</p>\n',
      logs: [
        { level: 'info', message: 'greeted Ada' },
        { level: 'debug', message: 'count is 1' },
      ],
      threads: {},
    })
    expect(result.stderr).toContain('[INFO] greeted Ada')
  })

  it('gives result null when the component returned nothing', async () => {
    write('quiet.q', NO_RETURN)
    const result = await run(['run', '--format', 'json', 'quiet.q'], { cwd: dir })
    expect(JSON.parse(result.stdout)).toMatchObject({ component: 'Quiet', result: null })
  })
})

describe('quantum run: parameters and actions', () => {
  it('passes --param values as strings that the typed q:params convert', async () => {
    write('greet.q', GREET)
    const args = ['run', 'greet.q', '--format', 'json', '--param', 'count=21', '--param', 'loud=yes']
    const result = await run([...args, '--param', 'name=a=b'], { cwd: dir })
    expect(result.code).toBe(0)
    // "21" became the integer 21 (21 * 2 = 42), "yes" the boolean true; a value may contain '='.
    expect(JSON.parse(result.stdout).result).toEqual({ name: 'a=b', doubled: 42, loud: true })
  })

  it('keeps the last value of a parameter given twice, and accepts an empty value', async () => {
    write('greet.q', GREET)
    const result = await run(['run', 'greet.q', '--param', 'name=A', '--param', 'name='], { cwd: dir })
    expect(result.stdout).toBe('<p>Hello </p>\nResult: {"name":"","doubled":2,"loud":false}\n')
  })

  it('reports a value the q:param type rejects as RUNTIME_PARAM at the q:param', async () => {
    write('greet.q', GREET)
    const result = await run(['run', 'greet.q', '--param', 'count=many'], { cwd: dir })
    expect(result.code).toBe(1)
    expect(result.stdout).toBe('')
    expect(result.stderr.split('\n')[0]).toBe(
      "greet.q:3:3: error RUNTIME_PARAM: Parameter 'count' must be integer",
    )
  })

  it('runs --action after the body, with its own params, and reports the redirect', async () => {
    write('orders.q', WITH_ACTION)
    const args = ['run', 'orders.q', '--action', 'cancel', '--param', 'id=7', '--param', 'reason=late']
    const text = await run(args, { cwd: dir })
    expect(text).toEqual({
      code: 0,
      stdout: '<p>order 7</p>\n<p>cancelled 7: late</p>\nRedirect: 302 /orders/7\nResult: 1007\n',
      stderr: '',
    })
    const json = JSON.parse((await run([...args, '--format', 'json'], { cwd: dir })).stdout)
    expect(json.result).toBe(1007)
    expect(json.redirect).toEqual({ url: '/orders/7', status: 302, flash: 'cancelled' })
  })

  it('fails with RUNTIME_NOT_FOUND for an unknown action', async () => {
    write('orders.q', WITH_ACTION)
    const result = await run(['run', 'orders.q', '--action', 'refund'], { cwd: dir })
    expect(result.code).toBe(1)
    expect(result.stderr).toBe(
      "orders.q: error RUNTIME_NOT_FOUND: Action 'refund' not found in 'Orders'; actions are: cancel\n",
    )
  })
})

describe('quantum run: errors', () => {
  it('prints a run-time error as file:line:col with a code frame and exits 1', async () => {
    write('fails.q', FAILS)
    const result = await run(['run', 'fails.q'], { cwd: dir })
    expect(result.code).toBe(1)
    expect(result.stdout).toBe('')
    const lines = result.stderr.trimEnd().split('\n')
    expect(lines[0]).toMatch(/^fails\.q:4:\d+: error RUNTIME_TYPE_ERROR: /)
    expect(lines.slice(1)).toEqual([
      '   3|   <q:set name="word" value="abc"/>',
      '>> 4|   <q:set name="n" value="{10 - word}"/>',
      expect.stringMatching(/^ {4}\| +\^+$/),
      '   5| </q:component>',
    ])
  })

  it('reports every parse problem like check does, runs nothing and exits 1', async () => {
    write('broken.q', BROKEN)
    const result = await run(['run', 'broken.q'], { cwd: dir })
    expect(result.code).toBe(1)
    expect(result.stdout).toBe('')
    const heads = result.stderr.split('\n').filter((line) => line.startsWith('broken.q:'))
    expect(heads).toEqual([
      expect.stringMatching(/^broken\.q:2:3: error PARSE_UNKNOWN_TAG: unknown tag <q:frobnicate>/),
      expect.stringMatching(/^broken\.q:3:3: error PARSE_MISSING_ATTRIBUTE: /),
    ])
    expect(result.stderr).toContain('>> 2|   <q:frobnicate/>')
    expect(result.stderr).not.toContain('[INFO]')
    // Nothing ran, so the state folder was never created.
    expect(existsSync(join(dir, '.quantum'))).toBe(false)
  })

  it('fails a dispatch of a job nobody defined with QUEUE_JOB_NOT_DEFINED at the tag', async () => {
    const tag = '<q:job name="send" action="dispatch"/>'
    write(
      'jobs.q',
      `<q:component name="Jobs" xmlns:q="https://quantum.lang/ns">\n  <p>first</p>\n  ${tag}\n</q:component>\n`,
    )
    const result = await run(['run', 'jobs.q'], { cwd: dir })
    expect(result.code).toBe(1)
    expect(result.stdout).toBe('')
    const [head, ...frame] = result.stderr.trimEnd().split('\n')
    expect(head).toBe("jobs.q:3:3: error QUEUE_JOB_NOT_DEFINED: Job 'send' is not defined")
    expect(frame[1]).toBe(`>> 3|   ${tag}`)
  })

  it('reports a file that cannot be read as CLI_FILE and exits 1', async () => {
    const result = await run(['run', 'missing.q'], { cwd: dir })
    expect(result.code).toBe(1)
    expect(result.stdout).toBe('')
    expect(result.stderr).toMatch(
      /^missing\.q: error CLI_FILE: cannot read file \(ENOENT: no such file or directory/,
    )
  })

  it.each([
    ['no equals sign', 'name'],
    ['an empty name', '=x'],
    ['a name that is not an identifier', '1st=x'],
  ])('treats a --param with %s as a usage error (exit 2)', async (_, param) => {
    write('greet.q', GREET)
    const result = await run(['run', 'greet.q', '--param', param], { cwd: dir })
    expect(result.code).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr).toContain(`option '--param <name=value>' argument '${param}' is invalid`)
    expect(result.stderr).toContain('expected NAME=VALUE')
    expect(result.stderr).toContain('Usage: quantum run')
  })

  it.each([
    ['no file', ['run']],
    ['two files', ['run', 'a.q', 'b.q']],
    ['a bad --format', ['run', 'greet.q', '--format', 'yaml']],
    ['--param without a value', ['run', 'greet.q', '--param']],
  ])('treats %s as a usage error (exit 2)', async (_, args) => {
    write('greet.q', GREET)
    const result = await run(args, { cwd: dir })
    expect(result.code).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr).toContain('Usage: quantum run')
  })
})

describe('quantum run: state folder and configuration', () => {
  it('keeps the default datasource in ./.quantum/app.db, created when needed', async () => {
    write('sql.q', SQL)
    expect((await run(['run', 'sql.q'], { cwd: dir })).stdout).toBe('Result: 1\n')
    expect((await run(['run', 'sql.q'], { cwd: dir })).stdout).toBe('Result: 2\n')
    expect(existsSync(join(dir, '.quantum', 'app.db'))).toBe(true)
  })

  it('reports a state folder it cannot create as CLI_HOME and exits 1', async () => {
    write('sql.q', SQL)
    write('taken', 'a file where the state folder should be')
    const result = await run(['run', '--home', 'taken/state', 'sql.q'], { cwd: dir })
    expect(result.code).toBe(1)
    expect(result.stdout).toBe('')
    expect(result.stderr).toMatch(
      /^taken\/state: error CLI_HOME: cannot create the state folder: \S+\/taken is a file, not a folder\n/,
    )
  })

  it('uses --home over QUANTUM_HOME, and QUANTUM_HOME over the default', async () => {
    write('sql.q', SQL)
    const env = { QUANTUM_HOME: 'from-env' }
    expect((await run(['run', 'sql.q'], { cwd: dir, env })).code).toBe(0)
    expect(existsSync(join(dir, 'from-env', 'app.db'))).toBe(true)
    expect((await run(['run', '--home', 'nested/state', 'sql.q'], { cwd: dir, env })).code).toBe(0)
    expect(existsSync(join(dir, 'nested', 'state', 'app.db'))).toBe(true)
    expect(existsSync(join(dir, '.quantum'))).toBe(false)
  })

  it.each([
    ['--home', ['run', 'sql.q', '--home', '']],
    ['--config', ['--config', '', 'run', 'sql.q']],
  ])('treats an empty %s as a usage error (exit 2) and writes nothing', async (option, args) => {
    write('sql.q', SQL)
    const result = await run(args, { cwd: dir })
    expect(result.code).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr).toContain(
      `error CLI_USAGE: option '${option} <${option === '--home' ? 'dir' : 'file'}>' argument '' is invalid. expected a path, not an empty string.`,
    )
    expect(readdirSync(dir)).toEqual(['sql.q'])
  })

  it('takes an empty QUANTUM_HOME as unset: the state goes to ./.quantum, not the working directory', async () => {
    write('sql.q', SQL)
    expect((await run(['run', 'sql.q'], { cwd: dir, env: { QUANTUM_HOME: '' } })).code).toBe(0)
    expect(readdirSync(dir).sort()).toEqual(['.quantum', 'sql.q'])
    expect(existsSync(join(dir, '.quantum', 'app.db'))).toBe(true)
  })

  it('honours the datasources of ./quantum.config.json (SQLite paths relative to the home)', async () => {
    write('sql.q', SQL)
    write(
      'quantum.config.json',
      JSON.stringify({ datasources: { db: { driver: 'sqlite', path: 'custom.db' } } }),
    )
    const result = await run(['run', 'sql.q'], { cwd: dir })
    expect(result).toEqual({ code: 0, stdout: 'Result: 1\n', stderr: '' })
    expect(existsSync(join(dir, '.quantum', 'custom.db'))).toBe(true)
    expect(existsSync(join(dir, '.quantum', 'app.db'))).toBe(false)
  })

  it('reads --config FILE instead of ./quantum.config.json', async () => {
    write('sql.q', SQL)
    write(
      'quantum.config.json',
      JSON.stringify({ datasources: { db: { driver: 'sqlite', path: 'ignored.db' } } }),
    )
    mkdirSync(join(dir, 'conf'))
    const shared = join(dir, 'shared.db')
    write('conf/q.json', JSON.stringify({ datasources: { db: { driver: 'sqlite', path: shared } } }))
    const result = await run(['--config', 'conf/q.json', 'run', 'sql.q'], { cwd: dir })
    expect(result.code).toBe(0)
    expect(existsSync(shared)).toBe(true)
    expect(existsSync(join(dir, '.quantum', 'ignored.db'))).toBe(false)
  })

  it('fails a query on a datasource the configuration does not name', async () => {
    write('sql.q', SQL)
    write('quantum.config.json', JSON.stringify({ datasources: { reports: { driver: 'sqlite' } } }))
    const result = await run(['run', 'sql.q'], { cwd: dir })
    expect(result.code).toBe(1)
    expect(result.stderr.split('\n')[0]).toBe("sql.q:2:3: error RUNTIME_NOT_FOUND: Datasource 'db' not found")
  })

  it('honours limits from the configuration', async () => {
    write(
      'loop.q',
      `<q:component name="Loop" xmlns:q="https://quantum.lang/ns">
  <q:loop type="range" var="i" from="1" to="100"><q:set name="x" value="{i}"/></q:loop>
</q:component>
`,
    )
    write('quantum.config.json', JSON.stringify({ limits: { maxSteps: 10 } }))
    const result = await run(['run', 'loop.q'], { cwd: dir })
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^loop\.q:2:\d+: error RUNTIME_LIMIT_EXCEEDED: run exceeded 10 steps/)
  })

  it.each([
    ['invalid JSON', '{ "datasources": ', /^quantum\.config\.json:1:18: error CLI_CONFIG: invalid JSON/],
    [
      'an unknown key',
      '{ "datasource": {} }',
      /^quantum\.config\.json:1:3: error CLI_CONFIG: unknown key 'datasource'; did you mean 'datasources'\?\n>> 1\| /,
    ],
    [
      'an unknown driver',
      '{ "datasources": { "db": { "driver": "oracle" } } }',
      /^quantum\.config\.json:1:38: error CLI_CONFIG: datasources\.db\.driver: expected one of sqlite, postgres, postgresql, mysql, mariadb, got "oracle"/,
    ],
    [
      'smtp without a url',
      '{ "mail": { "transport": "smtp" } }',
      /:1:11: error CLI_CONFIG: mail\.url: required with transport 'smtp'/,
    ],
    [
      'a bad limit',
      '{ "limits": { "maxSteps": -1 } }',
      /:1:27: error CLI_CONFIG: limits\.maxSteps: expected a number of at least 0, got -1/,
    ],
  ])('reports a configuration with %s and exits 1', async (_, text, message) => {
    write('greet.q', GREET)
    write('quantum.config.json', text)
    const result = await run(['run', 'greet.q'], { cwd: dir })
    expect(result.code).toBe(1)
    expect(result.stdout).toBe('')
    expect(result.stderr).toMatch(message)
  })

  it('reports a --config file that does not exist', async () => {
    write('greet.q', GREET)
    const result = await run(['run', '--config', 'nope.json', 'greet.q'], { cwd: dir })
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^nope\.json: error CLI_CONFIG: cannot read configuration \(ENOENT/)
  })
})

describe('quantum run: mail', () => {
  it('stores mail in the outbox of the state folder by default', async () => {
    write('mail.q', MAIL)
    expect((await run(['run', 'mail.q', '--home', 'state'], { cwd: dir })).stdout).toBe('Result: outbox\n')
    const outbox = openOutbox(join(dir, 'state'))
    try {
      expect(outbox.list()).toMatchObject([{ to: ['ada@example.com'], subject: 'Hi', body: 'Hello Ada' }])
    } finally {
      outbox.close()
    }
  })

  it('sends through SMTP when QUANTUM_MAIL_URL is set, over the configuration', async () => {
    const received: { to: string[]; raw: string }[] = []
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = []
        stream.on('data', (chunk: Buffer) => chunks.push(chunk))
        stream.on('end', () => {
          received.push({
            to: session.envelope.rcptTo.map((address) => address.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          })
          callback()
        })
      },
    })
    server.listen(0, '127.0.0.1')
    await once(server.server, 'listening')
    try {
      const { port } = server.server.address() as AddressInfo
      write('mail.q', MAIL)
      write('quantum.config.json', JSON.stringify({ mail: { transport: 'outbox' } }))
      const env = { QUANTUM_MAIL_URL: `smtp://127.0.0.1:${port}` }
      const result = await run(['run', 'mail.q'], { cwd: dir, env })
      expect(result).toEqual({ code: 0, stdout: 'Result: smtp\n', stderr: '' })
      expect(received).toHaveLength(1)
      expect(received[0]?.to).toEqual(['ada@example.com'])
      expect(received[0]?.raw).toContain('Subject: Hi')
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  })

  it('rejects a QUANTUM_MAIL_URL that is not an SMTP URL', async () => {
    write('mail.q', MAIL)
    const result = await run(['run', 'mail.q'], { cwd: dir, env: { QUANTUM_MAIL_URL: 'http://mail' } })
    expect(result.code).toBe(1)
    expect(result.stderr).toBe('QUANTUM_MAIL_URL: error CLI_CONFIG: must be an smtp:// or smtps:// URL\n')
  })
})

describe('quantum --help', () => {
  it('lists the run command', async () => {
    const result = await run(['--help'], { cwd: dir })
    expect(result.stdout).toMatch(/^\s+run \[options\] <file>/m)
  })
})

describe('formatRunText', () => {
  const base = { component: 'C', logs: [], variables: {}, threads: {} }

  it('starts the Result line on a line of its own', () => {
    expect(formatRunText({ ...base, output: 'no newline', result: [1, 'a'] })).toBe(
      'no newline\nResult: [1,"a"]\n',
    )
    expect(formatRunText({ ...base, output: '', result: null })).toBe('Result: null\n')
    expect(formatRunText({ ...base, output: 'x\n', result: undefined })).toBe('x\n')
  })
})

describe('interrupting a run', () => {
  it('stops a running body when the signal aborts, reporting RUNTIME_ABORTED', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quantum-run-signal-'))
    try {
      writeFileSync(
        join(dir, 'slow.q'),
        '<q:component name="Slow">\n  <q:sleep duration="30s"/>\n</q:component>\n',
      )
      const controller = new AbortController()
      const stdout: string[] = []
      const stderr: string[] = []
      setTimeout(() => controller.abort(new Error('interrupted by SIGINT')), 50)
      const started = Date.now()
      const code = await main(['node', 'quantum', 'run', 'slow.q', '--home', join(dir, 'home')], {
        stdout: { write: (text: string) => stdout.push(text) },
        stderr: { write: (text: string) => stderr.push(text) },
        env: {},
        cwd: dir,
        signal: controller.signal,
      })
      expect(code).toBe(1)
      expect(Date.now() - started).toBeLessThan(5000)
      expect(stderr.join('')).toContain('slow.q:2:3: error RUNTIME_ABORTED: interrupted by SIGINT')
      expect(stdout.join('')).toBe('')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
