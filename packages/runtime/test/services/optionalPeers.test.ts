import { execFile } from 'node:child_process'
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { parse } from '@quantum/parser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

// The built entries run in a child process: a fresh module cache shows what importing and running loads,
// and a copy of the package outside the workspace shows what happens where the peers are not installed.
const packageDir = fileURLToPath(new URL('../../', import.meta.url))
/** What @quantum/runtime depends on (not its peers), each with the folder this workspace installed it in. */
const dependencies = Object.keys(
  (
    JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>
    }
  ).dependencies,
).map((name) => ({ name, dir: realpathSync(join(packageDir, 'node_modules', name)) }))
const workspaceDependencies = dependencies.filter(({ name }) => name.startsWith('@quantum/'))
const built = [
  join(packageDir, 'dist', 'index.js'),
  join(packageDir, 'dist', 'services.js'),
  ...workspaceDependencies.map(({ dir }) => join(dir, 'dist', 'index.js')),
]

const PROBE = `
import { createRequire } from 'node:module'
import { readFileSync } from 'node:fs'
const [runtimeDir, documentsFile, home] = process.argv.slice(2)
const documents = JSON.parse(readFileSync(documentsFile, 'utf8'))
const { createRuntime } = await import(runtimeDir + '/dist/index.js')
const services = await import(runtimeDir + '/dist/services.js')
const loaded = () =>
  ['better-sqlite3', 'nodemailer', 'sqlite3'].filter((name) =>
    Object.keys(createRequire(import.meta.url).cache).some((file) => file.includes('/node_modules/' + name + '/')),
  )
const datasources = services.createDatasources({}, { home })
const mailer = services.createMailer(undefined, { home })
const runtime = createRuntime({ datasources, mailer, logger: services.createLogger(), clock: services.systemClock })
const outcome = async (run) => {
  try {
    return { result: await run() }
  } catch (error) {
    return { code: error.code, message: error.message, details: error.details }
  }
}
const report = { plain: await outcome(async () => (await runtime.run(documents.plain)).result), loaded: loaded() }
report.query = await outcome(async () => (await runtime.run(documents.query)).result)
report.mail = await outcome(async () => (await runtime.run(documents.mail)).result)
report.outbox = await outcome(async () => services.openOutbox(home).list().length)
report.loadedAfter = loaded()
await Promise.all([datasources.close(), mailer.close()])
process.stdout.write(JSON.stringify(report))
`

const documents = {
  plain: parse(
    '<q:component name="Plain"><q:set name="x" value="{1 + 2}"/><q:return value="{x * 2}"/></q:component>',
  ),
  query: parse(
    '<q:component name="Sql"><q:query name="r" datasource="db">SELECT 7 AS n</q:query><q:return value="{r[0].n}"/></q:component>',
  ),
  mail: parse(
    '<q:component name="Mail"><q:mail to="a@example.com" subject="Hi">Hello</q:mail><q:return value="{_mail_result.transport}"/></q:component>',
  ),
}

let dir: string

beforeAll(() => {
  for (const file of built) {
    if (!existsSync(file))
      throw new Error(`${file} is missing: run pnpm --filter @quantum/runtime... build first`)
  }
  dir = mkdtempSync(join(tmpdir(), 'quantum-peers-'))
  writeFileSync(join(dir, 'probe.mjs'), PROBE)
  writeFileSync(join(dir, 'documents.json'), JSON.stringify(documents))
})

afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
})

async function probe(runtimeDir: string, home: string) {
  // pnpm's bin shims set NODE_PATH to its store of every package; an application has no such path.
  const { NODE_PATH: _, ...env } = process.env
  const args = [join(dir, 'probe.mjs'), runtimeDir, join(dir, 'documents.json'), home]
  const { stdout } = await promisify(execFile)(process.execPath, args, { env })
  return JSON.parse(stdout)
}

describe('sqlite3, better-sqlite3 and nodemailer, optional peers of @quantum/runtime', () => {
  it('are loaded only once a query or a message needs them', async () => {
    const report = await probe(packageDir, join(dir, 'home-installed'))
    expect(report.plain).toEqual({ result: 6 })
    expect(report.loaded).toEqual([])
    expect(report.query).toEqual({ result: 7 })
    expect(report.mail).toEqual({ result: 'outbox' })
    expect(report.outbox).toEqual({ result: 1 })
    expect(report.loadedAfter).toEqual(['better-sqlite3', 'nodemailer', 'sqlite3'])
  })

  it('need not be installed for a program without SQL or mail; without them, SQL and mail fail with coded errors naming the package', async () => {
    // An install of @quantum/runtime with its dependencies (@quantum/ast, @quantum/time) and none of its optional peers.
    const modules = join(dir, 'app', 'node_modules')
    const installed = join(modules, '@quantum')
    mkdirSync(join(installed, 'runtime'), { recursive: true })
    cpSync(join(packageDir, 'package.json'), join(installed, 'runtime', 'package.json'))
    cpSync(join(packageDir, 'dist'), join(installed, 'runtime', 'dist'), { recursive: true })
    for (const { name, dir: source } of dependencies) {
      mkdirSync(dirname(join(modules, name)), { recursive: true })
      symlinkSync(source, join(modules, name), 'dir')
    }

    const report = await probe(join(installed, 'runtime'), join(dir, 'home-bare'))
    expect(report.plain).toEqual({ result: 6 })
    const missing = (pkg: string) => `the '${pkg}' package is not installed (add it next to @quantum/runtime)`
    expect(report.query).toEqual({
      code: 'RUNTIME_QUERY',
      message: `Query failed on 'db': ${missing('sqlite3')}`,
      details: { datasource: 'db', package: 'sqlite3' },
    })
    expect(report.mail).toEqual({
      code: 'RUNTIME_MAIL',
      message: `Failed to send email: ${missing('nodemailer')}`,
      details: { package: 'nodemailer' },
    })
    expect(report.outbox).toEqual({
      code: 'RUNTIME_MAIL',
      message: `Cannot open the mail outbox: ${missing('better-sqlite3')}`,
      details: { package: 'better-sqlite3' },
    })
    expect(report.loadedAfter).toEqual([])
  })
})
