import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { quantum, requireBuiltBin } from '../child'

// Issue 19's sweep of CLI flags: `jobs list --home /proc/x` (every command with a state folder under
// /proc) hung forever in Node's recursive mkdir. The built binary, killed past a bound far above a
// refusal's cost (Node's start and the CLI's imports, well under a second).

const BOUND_MS = 15_000
const HELLO = `<q:component name="App" xmlns:q="https://quantum.lang/ns"><q:log message="hi"/></q:component>\n`

let dir: string
beforeAll(requireBuiltBin)
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'quantum-cli-home-'))
  mkdirSync(join(dir, 'app'))
  writeFileSync(join(dir, 'app', 'hello.q'), HELLO)
  writeFileSync(join(dir, 'taken'), 'a file where the state folder should be')
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

async function refused(args: string[], env: Record<string, string> = {}) {
  const started = Date.now()
  const result = await quantum(args, { cwd: dir, env, timeoutMs: BOUND_MS })
  expect(Date.now() - started).toBeLessThan(BOUND_MS)
  expect(result.stderr).not.toMatch(/^\s+at /m)
  // A worker says it is starting before it looks at its state folder; nothing else prints.
  expect(result.stdout).toMatch(/^(Starting worker\.\.\.\n)?$/)
  return { code: result.code, stderr: result.stderr }
}

const PROC =
  '/proc/quantum-state: error CLI_HOME: cannot create the state folder: /proc takes no new folders (ENOENT)\n'
const STORE =
  'error STORE_UNAVAILABLE: Cannot create the folder /proc/quantum-state: /proc takes no new folders (ENOENT)\n'

describe('a state folder under /proc is refused at once, never a hang', () => {
  it(
    'jobs list --home /proc/quantum-state',
    async () => {
      expect(await refused(['jobs', 'list', '--home', '/proc/quantum-state'])).toEqual({
        code: 1,
        stderr: STORE,
      })
    },
    2 * BOUND_MS,
  )

  it(
    'jobs dispatch with QUANTUM_HOME=/proc/quantum-state',
    async () => {
      const env = { QUANTUM_HOME: '/proc/quantum-state' }
      expect(await refused(['jobs', 'dispatch', 'j'], env)).toEqual({ code: 1, stderr: STORE })
    },
    2 * BOUND_MS,
  )

  it(
    'run --home /proc/quantum-state',
    async () => {
      expect(await refused(['run', '--home', '/proc/quantum-state', 'app/hello.q'])).toEqual({
        code: 1,
        stderr: PROC,
      })
    },
    2 * BOUND_MS,
  )

  it(
    'worker start --home /proc/quantum-state',
    async () => {
      const args = ['worker', 'start', '--home', '/proc/quantum-state', '--app', 'app', '--metrics-port', '0']
      expect(await refused(args)).toEqual({ code: 1, stderr: PROC })
    },
    2 * BOUND_MS,
  )
})

describe('other homes that cannot be created say why', () => {
  it(
    'a home under /sys',
    async () => {
      expect(await refused(['run', '--home', '/sys/quantum-state', 'app/hello.q'])).toEqual({
        code: 1,
        stderr:
          '/sys/quantum-state: error CLI_HOME: cannot create the state folder: no permission to create folders in /sys (EPERM)\n',
      })
    },
    2 * BOUND_MS,
  )

  it(
    'a home that is a file',
    async () => {
      expect(await refused(['run', '--home', 'taken', 'app/hello.q'])).toEqual({
        code: 1,
        stderr: 'taken: error CLI_HOME: cannot create the state folder: it is a file\n',
      })
    },
    2 * BOUND_MS,
  )

  it(
    'a home whose parent is a file',
    async () => {
      const { code, stderr } = await refused(['jobs', 'list', '--home', 'taken/state'])
      expect(code).toBe(1)
      expect(stderr).toBe(
        `error STORE_UNAVAILABLE: Cannot create the folder ${join(dir, 'taken', 'state')}: ${join(dir, 'taken')} is a file, not a folder\n`,
      )
    },
    2 * BOUND_MS,
  )
})
