import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { run } from './run'

const CLEAN = `<q:component name="Clean" xmlns:q="https://quantum.lang/ns">
  <q:set name="x" value="1"/>
</q:component>
`

// Problems at 3:3 (unknown tag), 4:3 (q:set without name) and 5:30 (unknown tag after a 27-character q:set).
const BROKEN = `<q:component name="Bad" xmlns:q="https://quantum.lang/ns">
  <q:set name="x" value="1"/>
  <q:foo/>
  <q:set value="2"/>
  <q:set name="y" value="2"/><q:bar/>
</q:component>
`

let dir: string

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'quantum-cli-'))
  writeFileSync(join(dir, 'clean.q'), CLEAN)
  writeFileSync(join(dir, 'broken.q'), BROKEN)
})

afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

describe('quantum check', () => {
  it('prints ok for a clean file and exits 0', async () => {
    const result = await run(['check', 'clean.q'], { cwd: dir })
    expect(result).toEqual({ code: 0, stdout: 'ok clean.q\n', stderr: '' })
  })

  it('prints every problem with its location and a code frame, and exits 1', async () => {
    const result = await run(['check', 'broken.q'], { cwd: dir })
    expect(result.code).toBe(1)
    const lines = result.stdout.split('\n')
    const heads = lines.filter((line) => line.startsWith('broken.q:'))
    expect(heads).toHaveLength(3)
    expect(heads[0]).toMatch(/^broken\.q:3:3: error PARSE_UNKNOWN_TAG: unknown tag <q:foo>/)
    expect(heads[1]).toMatch(/^broken\.q:4:3: error PARSE_MISSING_ATTRIBUTE: /)
    expect(heads[2]).toMatch(/^broken\.q:5:30: error PARSE_UNKNOWN_TAG: unknown tag <q:bar>/)

    expect(lines.slice(1, 5)).toEqual([
      '   2|   <q:set name="x" value="1"/>',
      '>> 3|   <q:foo/>',
      expect.stringMatching(/^ {4}\| {3}\^+$/),
      '   4|   <q:set value="2"/>',
    ])
    const third = lines.indexOf(heads[2] ?? '')
    expect(lines.slice(third + 1, third + 5)).toEqual([
      '   4|   <q:set value="2"/>',
      '>> 5|   <q:set name="y" value="2"/><q:bar/>',
      expect.stringMatching(new RegExp(`^ {4}\\| ${' '.repeat(29)}\\^+$`)),
      '   6| </q:component>',
    ])
    expect(result.stdout).not.toContain('\u001b[')
    expect(result.stderr).toBe('3 problems in 1 file\n')
  })

  it('reports an unreadable file as CLI_FILE, keeps going and exits 1', async () => {
    const result = await run(['check', 'missing.q', 'clean.q'], { cwd: dir })
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(
      /^missing\.q: error CLI_FILE: cannot read file \(ENOENT: no such file or directory[^\n]*\)\nok clean\.q\n$/,
    )
    expect(result.stderr).toBe('1 problem in 1 file\n')
  })

  it('counts problems across files', async () => {
    const result = await run(['check', 'broken.q', 'clean.q', 'missing.q'], { cwd: dir })
    expect(result.code).toBe(1)
    expect(result.stdout).toContain('ok clean.q\n')
    expect(result.stderr).toBe('4 problems in 2 files\n')
  })

  it('prints one JSON array with --format json', async () => {
    const result = await run(['check', '--format', 'json', 'clean.q', 'broken.q', 'missing.q'], { cwd: dir })
    expect(result.code).toBe(1)
    const json = JSON.parse(result.stdout)
    expect(json).toEqual([
      { file: 'clean.q', ok: true, diagnostics: [] },
      {
        file: 'broken.q',
        ok: false,
        diagnostics: [
          {
            severity: 'error',
            code: 'PARSE_UNKNOWN_TAG',
            message: expect.stringContaining('<q:foo>'),
            line: 3,
            column: 3,
            endLine: 3,
            endColumn: expect.any(Number),
          },
          expect.objectContaining({ code: 'PARSE_MISSING_ATTRIBUTE', line: 4, column: 3 }),
          expect.objectContaining({ code: 'PARSE_UNKNOWN_TAG', line: 5, column: 30 }),
        ],
      },
      {
        file: 'missing.q',
        ok: false,
        diagnostics: [
          {
            severity: 'error',
            code: 'CLI_FILE',
            message: expect.stringContaining('ENOENT'),
            line: null,
            column: null,
            endLine: null,
            endColumn: null,
          },
        ],
      },
    ])
  })

  it('prints JSON for clean files and exits 0', async () => {
    const result = await run(['check', '--format', 'json', 'clean.q'], { cwd: dir })
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout)).toEqual([{ file: 'clean.q', ok: true, diagnostics: [] }])
    expect(result.stderr).toBe('')
  })

  describe('warnings', () => {
    // An empty schedule body (2:3) and a functions-only body without execute (5:3); an unknown tag at 4:3.
    const IDLE = `<q:component name="Idle">
  <q:schedule name="tick" interval="1m">
  </q:schedule>
  <q:schedule name="helpers" cron="0 * * * *"><q:function name="a"/><q:function name="b"/></q:schedule>
</q:component>
`
    const message = {
      tick: "Schedule 'tick': the body is empty, so a fire would run nothing",
      helpers:
        "Schedule 'helpers': the body only defines functions ('a', 'b') and none is named 'execute', so a fire would run nothing",
    }

    it('prints a schedule body that would do nothing as a warning with its code frame, and exits 0', async () => {
      writeFileSync(join(dir, 'idle.q'), IDLE)
      const result = await run(['check', 'idle.q'], { cwd: dir })
      expect(result.code).toBe(0)
      expect(result.stderr).toBe('2 warnings in 1 file\n')
      expect(result.stdout.split('\n')).toEqual([
        `idle.q:2:3: warning PARSE_SCHEDULE_RUNS_NOTHING: ${message.tick}`,
        '   1| <q:component name="Idle">',
        '>> 2|   <q:schedule name="tick" interval="1m">',
        `    |   ${'^'.repeat(38)}`,
        '   3|   </q:schedule>',
        `idle.q:4:3: warning PARSE_SCHEDULE_RUNS_NOTHING: ${message.helpers}`,
        '   3|   </q:schedule>',
        '>> 4|   <q:schedule name="helpers" cron="0 * * * *"><q:function name="a"/><q:function name="b"/></q:schedule>',
        expect.stringMatching(/^ {4}\| {3}\^+$/),
        '   5| </q:component>',
        '',
      ])
    })

    it('gives each JSON diagnostic a severity; a file with only warnings is ok', async () => {
      writeFileSync(join(dir, 'idle.q'), IDLE)
      const result = await run(['check', '--format', 'json', 'idle.q', 'clean.q'], { cwd: dir })
      expect(result.code).toBe(0)
      expect(JSON.parse(result.stdout)).toEqual([
        {
          file: 'idle.q',
          ok: true,
          diagnostics: [
            {
              severity: 'warning',
              code: 'PARSE_SCHEDULE_RUNS_NOTHING',
              message: message.tick,
              line: 2,
              column: 3,
              endLine: 3,
              endColumn: 16,
            },
            expect.objectContaining({ severity: 'warning', message: message.helpers, line: 4, column: 3 }),
          ],
        },
        { file: 'clean.q', ok: true, diagnostics: [] },
      ])
    })

    it('lists warnings among errors in source order; errors still fail the file', async () => {
      writeFileSync(
        join(dir, 'mixed.q'),
        IDLE.replace('  <q:schedule name="helpers"', '  <q:foo/>\n  <q:schedule name="helpers"'),
      )
      const result = await run(['check', 'mixed.q'], { cwd: dir })
      expect(result.code).toBe(1)
      const heads = result.stdout.split('\n').filter((line) => line.startsWith('mixed.q:'))
      expect(heads.map((line) => line.split(': ').slice(0, 2).join(': '))).toEqual([
        'mixed.q:2:3: warning PARSE_SCHEDULE_RUNS_NOTHING',
        'mixed.q:4:3: error PARSE_UNKNOWN_TAG',
        'mixed.q:5:3: warning PARSE_SCHEDULE_RUNS_NOTHING',
      ])
      expect(result.stderr).toBe('1 problem in 1 file, 2 warnings\n')
      const json = JSON.parse((await run(['check', '--format', 'json', 'mixed.q'], { cwd: dir })).stdout)
      expect(json[0].ok).toBe(false)
    })

    it('paints the warning word yellow on a terminal', async () => {
      writeFileSync(join(dir, 'idle.q'), IDLE)
      const result = await run(['check', 'idle.q'], { cwd: dir, isTTY: true })
      expect(result.stdout).toContain('\u001b[33mwarning\u001b[39m')
    })
  })

  it('uses colours on a terminal unless NO_COLOR is set', async () => {
    const colored = await run(['check', 'broken.q'], { cwd: dir, isTTY: true })
    expect(colored.stdout).toContain('\u001b[')
    const plain = await run(['check', 'broken.q'], { cwd: dir, isTTY: true, env: { NO_COLOR: '1' } })
    expect(plain.stdout).not.toContain('\u001b[')
    expect(plain.stdout).toBe((await run(['check', 'broken.q'], { cwd: dir })).stdout)
  })
})

describe('usage errors exit 2 with usage on stderr', () => {
  it.each([
    ['no files', ['check'], "missing required argument 'files'"],
    ['an unknown option', ['check', '--bogus', 'clean.q'], "unknown option '--bogus'"],
    ['an unknown command', ['chek', 'clean.q'], "unknown command 'chek'"],
    ['a bad --format', ['check', '--format', 'xml', 'clean.q'], "argument 'xml' is invalid"],
    ['no command', [], 'Usage: quantum'],
  ])('%s', async (_, args, message) => {
    const result = await run(args, { cwd: dir })
    expect(result.code).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr).toContain(message)
    expect(result.stderr).toContain('Usage: quantum')
  })
})

describe('quantum', () => {
  it('prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
    expect(await run(['--version'], { cwd: dir })).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' })
  })

  it('lists the commands and global options in --help', async () => {
    const result = await run(['--help'], { cwd: dir })
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^\s+check \[options\] <files\.\.\.>/m)
    for (const option of ['--home <dir>', '--redis <url>', '--config <file>'])
      expect(result.stdout).toContain(option)
  })

  it('accepts the global options before or after the command', async () => {
    const global = ['--home', 'state', '--redis', 'redis://localhost:6379', '--config', 'quantum.json']
    // check reads the configuration (for parser.maxSourceBytes): the file given must exist.
    writeFileSync(join(dir, 'quantum.json'), '{}')
    expect((await run([...global, 'check', 'clean.q'], { cwd: dir })).code).toBe(0)
    expect((await run(['check', ...global, 'clean.q'], { cwd: dir })).code).toBe(0)
  })
})
