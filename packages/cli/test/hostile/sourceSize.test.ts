import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { requireBuiltBin, startQuantum } from '../child'
import { run } from '../run'

/**
 * Issue 19, item 4: `quantum check` of a 75 MB file ran 83 s into a heap OOM, and a worker reads every
 * file of its `--app` folders at start. A file over `parser.maxSourceBytes` is refused from its size,
 * before it is read, with a coded error naming it; a worker skips it and loads the others.
 */
const MB = 1024 * 1024
const HUGE = 75 * MB
const component = (body: string) => `<q:component name="App">\n${body}\n</q:component>\n`
const refused = (file: string, bytes: number, limit = 5 * MB) =>
  `${file}: error PARSE_SOURCE_TOO_LARGE: the source is ${bytes} bytes, over the limit of ${limit} bytes (maxSourceBytes)`

/** Peak resident memory of this process so far, in bytes. */
const maxRss = () => process.resourceUsage().maxRSS * 1024

let dir: string

beforeAll(requireBuiltBin)

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'quantum-cli-size-'))
  mkdirSync(join(dir, 'app'))
  // A document, not noise: without the limit it would be read and parsed whole.
  const body = '<q:log>x</q:log>\n'.repeat(HUGE / 17)
  writeFileSync(join(dir, 'app', 'huge.q'), component(body))
  writeFileSync(join(dir, 'app', 'good.q'), component('<q:log>good file ran</q:log>'))
})

afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

const hugeBytes = Buffer.byteLength(component('<q:log>x</q:log>\n'.repeat(HUGE / 17)))

describe('a .q file over the size limit', () => {
  it('quantum check refuses it at once, unread, and checks the other files', async () => {
    const peakBefore = maxRss()
    const started = performance.now()
    const result = await run(['check', 'app/huge.q', 'app/good.q'], { cwd: dir })
    expect(performance.now() - started).toBeLessThan(10_000)
    // Reading it alone would take 75 MB; parsing it took GBs.
    expect(maxRss() - peakBefore).toBeLessThan(48 * MB)
    expect(result.code).toBe(1)
    expect(result.stdout).toBe(`${refused('app/huge.q', hugeBytes)}\nok app/good.q\n`)
    expect(result.stderr).toBe('1 problem in 1 file\n')
  })

  it('quantum run refuses it and runs nothing', async () => {
    const result = await run(['run', 'app/huge.q', '--home', join(dir, 'home')], { cwd: dir })
    expect(result).toEqual({ code: 1, stdout: '', stderr: `${refused('app/huge.q', hugeBytes)}\n` })
  })

  it('parser.maxSourceBytes in quantum.config.json sets the limit', async () => {
    writeFileSync(join(dir, 'quantum.config.json'), JSON.stringify({ parser: { maxSourceBytes: 50 } }))
    const good = Buffer.byteLength(component('<q:log>good file ran</q:log>'))
    const result = await run(['check', 'app/good.q'], { cwd: dir })
    expect(result.code).toBe(1)
    expect(result.stdout).toBe(`${refused('app/good.q', good, 50)}\n`)
    const text = JSON.stringify({ parser: { maxSourceBytes: '5MB' } })
    writeFileSync(join(dir, 'quantum.config.json'), text)
    expect(await run(['check', 'app/good.q'], { cwd: dir })).toEqual({
      code: 1,
      stdout: '',
      stderr: [
        'quantum.config.json:1:29: error CLI_CONFIG: parser.maxSourceBytes: expected a whole number of at least 1, got "5MB"',
        `>> 1| ${text}`,
        `    |${' '.repeat(29)}^^^^^`,
        '',
      ].join('\n'),
    })
  })

  it('a device without a size (/dev/zero) is refused once the limit has been read', async () => {
    writeFileSync(join(dir, 'quantum.config.json'), JSON.stringify({ parser: { maxSourceBytes: 1000 } }))
    const result = await run(['check', '/dev/zero'], { cwd: dir })
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(
      /^\/dev\/zero: error PARSE_SOURCE_TOO_LARGE: the source is \d+ bytes, over the limit of 1000 bytes/,
    )
  })

  it('a worker skips it with the coded error and loads the other files', async () => {
    const worker = startQuantum(['worker', 'start', '--app', 'app', '--home', join(dir, 'home')], {
      cwd: dir,
    })
    try {
      await worker.printed('Press Ctrl+C to stop the worker.')
      expect(worker.stderr()).toContain(refused('app/huge.q', hugeBytes))
      expect(worker.stdout() + worker.stderr()).toContain('good file ran')
      expect(worker.stdout()).toContain('Files: 2 (1 failed)')
      worker.child.kill('SIGTERM')
      expect(await worker.exited).toEqual([0, null])
    } finally {
      await worker.kill()
    }
  })
})
