import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from '@quantum/parser'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createRuntime, type Files, type Mailer } from '../../src/index'
import { createFiles, createMailer, openOutbox } from '../../src/services'
import { runError } from '../helpers'

// Repros of issue 7: a program reading files it has no business reading, or that never end.

let dir: string
let app: string
let home: string
let files: Files
let mailer: Mailer

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'quantum-hostile-files-'))
  app = join(dir, 'app')
  home = join(dir, 'home')
  mkdirSync(join(app, 'reports'), { recursive: true })
  mkdirSync(home)
  // The CLI's rules: the app folder is the only root, the state folder is denied, documents are
  // named relative to the app folder.
  files = createFiles({ roots: [app], denied: [home], base: app })
  mailer = createMailer(undefined, { home })
})

afterEach(async () => {
  await mailer.close()
  rmSync(dir, { recursive: true, force: true })
})

/** A `q:mail` with one attachment, from the document `reports/job.q` of the app. */
function attaching(file: string, options: { files?: Files; signal?: AbortSignal } = {}) {
  const source = `<q:component name="Job">
  <q:mail to="boss@example.com" subject="Report">
    <q:attachment file="${file}"/>
  </q:mail>
</q:component>`
  return { source, services: { mailer, files: options.files ?? files }, signal: options.signal }
}

async function attachError(file: string, options: { files?: Files; signal?: AbortSignal } = {}) {
  const { source, services, signal } = attaching(file, options)
  const document = parse(source, { file: 'reports/job.q' })
  const error = await createRuntime(services)
    .run(document, signal ? { signal } : {})
    .then(
      () => undefined,
      (reason: unknown) =>
        reason as Error & { code: string; location: string; details?: Record<string, unknown> },
    )
  if (!error) throw new Error('expected the run to fail')
  return error
}

function stored(): number {
  const outbox = openOutbox(home)
  try {
    return outbox.list().length
  } finally {
    outbox.close()
  }
}

describe('q:attachment', () => {
  it('reads a file next to its document by a relative path', async () => {
    writeFileSync(join(app, 'reports', 'q1.csv'), 'day,orders\n')
    const { source, services } = attaching('q1.csv')
    await createRuntime(services).run(parse(source, { file: 'reports/job.q' }))
    const outbox = openOutbox(home)
    try {
      const [mail] = outbox.list()
      expect(mail?.raw).toContain('filename=q1.csv')
      expect(mail?.raw).toContain(Buffer.from('day,orders\n').toString('base64'))
    } finally {
      outbox.close()
    }
  })

  it('refuses /etc/passwd and /proc/self/environ: outside the app folder and files.roots', async () => {
    for (const path of ['/etc/passwd', '/proc/self/environ']) {
      const error = await attachError(path)
      expect([error.code, error.location]).toEqual(['RUNTIME_FILE_ACCESS', 'reports/job.q:3:5'])
      expect(error.message).toBe(
        `Attachment '${path}' is refused: a program reaches only files inside its app folder and files.roots`,
      )
      expect(error.details).toMatchObject({ path, rule: 'files.roots', roots: [app] })
    }
    expect(stored()).toBe(0)
  })

  it('refuses a way out through .. or through a symlink', async () => {
    writeFileSync(join(dir, 'secret.txt'), 'secret')
    const dotted = await attachError('../../secret.txt')
    expect(dotted.message).toBe(
      `Attachment '../../secret.txt' is refused: it is '${join(dir, 'secret.txt')}', and a program reaches only files inside its app folder and files.roots`,
    )
    symlinkSync(join(dir, 'secret.txt'), join(app, 'reports', 'innocent.txt'))
    const linked = await attachError('innocent.txt')
    expect([linked.code, linked.details?.rule]).toEqual(['RUNTIME_FILE_ACCESS', 'files.roots'])
    expect(linked.message).toContain(`it leads to '${join(dir, 'secret.txt')}'`)
    expect(stored()).toBe(0)
  })

  it('never reaches the state folder, even when it lies inside a root', async () => {
    const inside = join(app, '.quantum')
    mkdirSync(inside)
    writeFileSync(join(inside, 'quantum.db'), 'state')
    const rules = createFiles({ roots: [app], denied: [inside], base: app })
    const error = await attachError('../.quantum/quantum.db', { files: rules })
    expect([error.code, error.details?.rule]).toEqual(['RUNTIME_FILE_ACCESS', 'state-folder'])
    expect(error.message).toContain('the state folder is never reachable from a program')
  })

  it('refuses /dev/zero at once, even under a root that holds it: only regular files are read', async () => {
    const before = process.memoryUsage().rss
    const started = performance.now()
    const outside = await attachError('/dev/zero')
    expect(outside.details?.rule).toBe('files.roots')
    const device = await attachError('/dev/zero', { files: createFiles({ roots: ['/dev'] }) })
    expect([device.code, device.location]).toEqual(['RUNTIME_FILE_ACCESS', 'reports/job.q:3:5'])
    expect(device.message).toBe(
      "Attachment '/dev/zero' is refused: only regular files can be read, and this is not one",
    )
    expect(performance.now() - started).toBeLessThan(2000)
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024)
  })

  it('refuses a FIFO without waiting for a writer', async () => {
    execFileSync('mkfifo', [join(app, 'reports', 'pipe')])
    const started = performance.now()
    const error = await attachError('pipe')
    expect([error.code, error.details?.rule]).toEqual(['RUNTIME_FILE_ACCESS', 'regular-file'])
    expect(performance.now() - started).toBeLessThan(2000)
  })

  it('refuses a file larger than the read cap, before reading it', async () => {
    writeFileSync(join(app, 'reports', 'big.bin'), Buffer.alloc(5000))
    const error = await attachError('big.bin', {
      files: createFiles({ roots: [app], base: app, maxReadBytes: 1000 }),
    })
    expect([error.code, error.location]).toEqual(['RUNTIME_LIMIT_EXCEEDED', 'reports/job.q:3:5'])
    expect(error.message).toBe(
      "Cannot read 'big.bin': it has 5000 bytes, more than the limit of 1000 (files.maxReadBytes)",
    )
  })

  it('reports a missing file as RUNTIME_FILE with the path it looked at', async () => {
    const error = await attachError('missing.pdf')
    expect([error.code, error.location]).toEqual(['RUNTIME_FILE', 'reports/job.q:3:5'])
    expect(error.message).toBe(
      `Cannot read 'missing.pdf' (${join(app, 'reports', 'missing.pdf')}): no such file`,
    )
  })

  it("stops on the run's signal", async () => {
    writeFileSync(join(app, 'reports', 'q1.csv'), 'x')
    const controller = new AbortController()
    controller.abort(new Error('shutting down'))
    const error = await attachError('q1.csv', { signal: controller.signal })
    expect(error.code).toBe('RUNTIME_ABORTED')
  })

  it('reads nothing at all when the host gives no file rules', async () => {
    const error = await runError(
      `<q:component name="Job">
  <q:mail to="boss@example.com" subject="Report"><q:attachment file="/etc/hostname"/></q:mail>
</q:component>`,
      { services: { mailer } },
    )
    expect(error.code).toBe('RUNTIME_SERVICE_MISSING')
    expect(stored()).toBe(0)
  })
})

describe('the files service', () => {
  it('resolves a file to be created inside a root to its real path, and refuses one outside', async () => {
    expect(await files.resolveWritable({ path: 'new.db', from: 'reports/job.q' })).toBe(
      join(app, 'reports', 'new.db'),
    )
    await expect(files.resolveWritable({ path: join(dir, 'new.db') })).rejects.toMatchObject({
      code: 'RUNTIME_FILE_ACCESS',
    })
  })

  it('gives a run without a document the app folder as its base', async () => {
    writeFileSync(join(app, 'top.txt'), 'top')
    expect((await files.read({ path: 'top.txt' })).content.toString()).toBe('top')
  })

  it('streams a file in chunks under the same rules, and stops on the signal', async () => {
    writeFileSync(join(app, 'reports', 'big.csv'), Buffer.alloc(300_000, 'x'))
    const opened = await files.stream({ path: 'big.csv', from: 'reports/job.q' })
    expect([opened.path, opened.size]).toEqual([join(app, 'reports', 'big.csv'), 300_000])
    let total = 0
    let chunks = 0
    for await (const chunk of opened.chunks) {
      total += chunk.byteLength
      chunks++
    }
    expect([total, chunks > 1]).toEqual([300_000, true])
    await expect(files.stream({ path: '../../secret.txt', from: 'reports/job.q' })).rejects.toMatchObject({
      code: 'RUNTIME_FILE_ACCESS',
    })
    execFileSync('mkfifo', [join(app, 'reports', 'pipe')])
    await expect(files.stream({ path: 'pipe', from: 'reports/job.q' })).rejects.toMatchObject({
      code: 'RUNTIME_FILE_ACCESS',
      details: { rule: 'regular-file' },
    })
    const controller = new AbortController()
    const stopped = await files.stream({ path: 'big.csv', from: 'reports/job.q', signal: controller.signal })
    const reading = (async () => {
      for await (const _chunk of stopped.chunks) controller.abort()
    })()
    await expect(reading).rejects.toMatchObject({ code: 'RUNTIME_ABORTED' })
  })
})

describe('Files.stat (issue 11: components and templates are found through it)', () => {
  it('tells the real path, size and modification time of a readable file, by the same rules as read', async () => {
    writeFileSync(join(app, 'reports', 'news.html'), 'Hello {name}')
    const found = await files.stat({ path: 'news.html', from: 'reports/job.q' })
    expect(found).toEqual({
      path: join(app, 'reports', 'news.html'),
      size: 12,
      modifiedMs: expect.any(Number),
    })
    writeFileSync(join(home, 'quantum.db'), '')
    writeFileSync(join(dir, 'outside.html'), '')
    symlinkSync(join(dir, 'outside.html'), join(app, 'link.html'))
    const refused = async (path: string) =>
      files.stat({ path, purpose: 'Template' }).then(
        () => undefined,
        (error: { code: string; details: { rule: string } }) => [error.code, error.details.rule],
      )
    expect(await refused('../outside.html')).toEqual(['RUNTIME_FILE_ACCESS', 'files.roots'])
    expect(await refused('link.html')).toEqual(['RUNTIME_FILE_ACCESS', 'files.roots'])
    expect(await refused(join(home, 'quantum.db'))).toEqual(['RUNTIME_FILE_ACCESS', 'state-folder'])
    expect(await refused('reports')).toEqual(['RUNTIME_FILE_ACCESS', 'regular-file'])
  })
})
