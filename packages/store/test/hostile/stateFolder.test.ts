import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

// A state folder under /proc (found in issue 19's sweep of CLI flags): Node's recursive mkdir loops
// forever there, synchronously, so the open runs in a child process against the built package and is
// killed past a bound far above an open's cost (milliseconds).

const built = fileURLToPath(new URL('../../dist/sqlite.js', import.meta.url))
const BOUND_MS = 15_000

/** Opens a SQLite store at `home` in a child; its error's code and message, or `opened`, or `hung`. */
function openInChild(home: string): Promise<{ code?: string; message?: string; hung?: true; opened?: true }> {
  const script = `
    const { openSqliteStore } = await import(${JSON.stringify(built)})
    try {
      const store = await openSqliteStore({ home: ${JSON.stringify(home)} })
      await store.close()
      console.log(JSON.stringify({ opened: true }))
    } catch (error) {
      console.log(JSON.stringify({ code: error.code, message: error.message }))
    }`
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--max-old-space-size=256', '--input-type=module', '-e', script],
      { timeout: BOUND_MS, killSignal: 'SIGKILL', encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error?.killed) resolve({ hung: true })
        else if (error) reject(new Error(`the child failed: ${stderr || error.message}`))
        else resolve(JSON.parse(stdout))
      },
    )
  })
}

let dir: string
beforeEach(() => {
  if (!existsSync(built)) throw new Error('build @quantum/store first (pnpm --filter @quantum/store build)')
  dir = mkdtempSync(join(tmpdir(), 'quantum-store-folder-'))
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

describe('a state folder that cannot be created fails at once with STORE_UNAVAILABLE naming it', () => {
  it.each([
    ['/proc/quantum-state', /^Cannot create the folder \/proc\/quantum-state: \/proc takes no new folders/],
    [
      '/proc/self/quantum/state',
      /^Cannot create the folder \/proc\/self\/quantum\/state: \/proc\/self takes no new folders/,
    ],
    [
      '/sys/quantum-state',
      /^Cannot create the folder \/sys\/quantum-state: no permission to create folders in \/sys/,
    ],
  ])(
    '%s',
    async (home, message) => {
      const started = Date.now()
      const result = await openInChild(home)
      expect(result.hung).toBeUndefined()
      expect(result.code).toBe('STORE_UNAVAILABLE')
      expect(result.message).toMatch(message)
      expect(Date.now() - started).toBeLessThan(BOUND_MS)
    },
    2 * BOUND_MS,
  )

  it('a home that is a file', async () => {
    writeFileSync(join(dir, 'taken'), 'not a folder')
    expect(await openInChild(join(dir, 'taken'))).toEqual({
      code: 'STORE_UNAVAILABLE',
      message: `Cannot create the folder ${join(dir, 'taken')}: it is a file`,
    })
  })

  it('a home whose parent is a file', async () => {
    writeFileSync(join(dir, 'taken'), 'not a folder')
    expect(await openInChild(join(dir, 'taken', 'a', 'state'))).toEqual({
      code: 'STORE_UNAVAILABLE',
      message: `Cannot create the folder ${join(dir, 'taken', 'a', 'state')}: ${join(dir, 'taken')} is a file, not a folder`,
    })
  })

  it('still creates every missing level of a good home', async () => {
    expect(await openInChild(join(dir, 'a', 'b', 'state'))).toEqual({ opened: true })
    expect(existsSync(join(dir, 'a', 'b', 'state', 'quantum.db'))).toBe(true)
  })
})
