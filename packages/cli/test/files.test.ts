import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { openOutbox } from '@quantum/runtime/services'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loadConfig } from '../src/index'
import { run } from './run'

// `quantum run FILE`: the file's folder is the app folder, `files.roots` adds folders, the state
// folder is never reachable.

let dir: string
let app: string
let shared: string

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'quantum-cli-files-'))
  app = join(dir, 'app')
  shared = join(dir, 'shared')
  mkdirSync(join(app, 'jobs'), { recursive: true })
  mkdirSync(shared)
  writeFileSync(join(app, 'jobs', 'q1.csv'), 'day,orders\n')
  writeFileSync(join(shared, 'terms.txt'), 'terms')
})

afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

/** A `.q` in the app's `jobs/` folder that mails `files` as attachments. */
function job(...files: string[]): string {
  const file = join(app, 'jobs', 'report.q')
  writeFileSync(
    file,
    `<q:component name="Report" xmlns:q="https://quantum.lang/ns">
  <q:mail to="boss@example.com" subject="Report">
    ${files.map((path) => `<q:attachment file="${path}"/>`).join('\n    ')}
  </q:mail>
  <q:return value="{_mail_result.transport}"/>
</q:component>
`,
  )
  return file
}

function outboxRaw(home: string): string[] {
  const outbox = openOutbox(home)
  try {
    return outbox.list().map((mail) => mail.raw)
  } finally {
    outbox.close()
  }
}

describe('quantum run and files', () => {
  it("reads a relative attachment from the .q file's folder, whatever the working directory", async () => {
    const file = job('q1.csv')
    const home = join(dir, 'home')
    const result = await run(['run', file, '--home', home], { cwd: dir })
    expect(result.stderr).toBe('')
    expect([result.code, result.stdout]).toEqual([0, 'Result: outbox\n'])
    expect(outboxRaw(home)[0]).toContain(Buffer.from('day,orders\n').toString('base64'))
  })

  it('refuses /etc/passwd with a coded, located error and stores nothing', async () => {
    job('/etc/passwd')
    const home = join(dir, 'home')
    const result = await run(['run', 'app/jobs/report.q', '--home', home], { cwd: dir })
    expect(result.code).toBe(1)
    expect(result.stderr.split('\n')[0]).toBe(
      "app/jobs/report.q:3:5: error RUNTIME_FILE_ACCESS: Attachment '/etc/passwd' is refused: a program reaches only files inside its app folder and files.roots",
    )
    expect(outboxRaw(home)).toEqual([])
  })

  it('never reads the state folder, even when it lies inside the app folder', async () => {
    const file = job('../.quantum/quantum.db')
    const result = await run(['run', file], { cwd: app })
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('error RUNTIME_FILE_ACCESS: Attachment')
    expect(result.stderr).toContain('the state folder is never reachable from a program')
  })

  it('reads inside files.roots from the configuration, relative to the configuration file', async () => {
    const file = job('q1.csv', '../../shared/terms.txt')
    const home = join(dir, 'home')
    const refused = await run(['run', file, '--home', home], { cwd: dir })
    expect(refused.stderr).toContain("Attachment '../../shared/terms.txt' is refused")
    writeFileSync(join(dir, 'quantum.config.json'), JSON.stringify({ files: { roots: ['shared'] } }))
    const allowed = await run(['run', file, '--home', home], { cwd: dir })
    expect(allowed.stderr).toBe('')
    expect(outboxRaw(home)[0]).toContain(Buffer.from('terms').toString('base64'))
  })

  it('takes files.roots from QUANTUM_FILES_ROOTS, relative to the working directory', async () => {
    const loaded = await loadConfig(undefined, {
      cwd: dir,
      env: { QUANTUM_FILES_ROOTS: ['shared', '/srv/data'].join(delimiter) },
    })
    expect(loaded.config.files).toEqual({ roots: [shared, '/srv/data'] })
  })

  it('rejects a files section of the wrong shape', async () => {
    writeFileSync(join(dir, 'quantum.config.json'), JSON.stringify({ files: { roots: 'shared' } }))
    await expect(loadConfig(undefined, { cwd: dir, env: {} })).rejects.toMatchObject({
      code: 'CLI_CONFIG',
      message: 'files.roots: expected an array of folder paths, got "shared"',
    })
    writeFileSync(join(dir, 'quantum.config.json'), JSON.stringify({ files: { root: [] } }))
    await expect(loadConfig(undefined, { cwd: dir, env: {} })).rejects.toMatchObject({
      message: "unknown key 'files.root'; did you mean 'roots'?",
    })
  })
})
