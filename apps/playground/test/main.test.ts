import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { basename, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parsePlaygroundArgs } from '../src/args'
import { call, sqliteDeployment, type TestDeployment } from './support'

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url))

/** Runs the playground's command as a user does (from source, through tsx); stdout and stderr gathered. */
function start(
  args: string[],
  env: Record<string, string> = {},
): { child: ChildProcess; out: () => string; err: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  })
  let out = ''
  let err = ''
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk
  })
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk
  })
  return { child, out: () => out, err: () => err }
}

async function exitCode(child: ChildProcess): Promise<number | null> {
  const [code] = (await once(child, 'exit')) as [number | null]
  return code
}

async function until(predicate: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 15_000
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

describe('the command line', () => {
  it('reads the flags, with a leading -- as pnpm passes it', () => {
    expect(parsePlaygroundArgs(['--', '--home', 'state', '--read-only', '--port', '8080'])).toEqual({
      target: { kind: 'sqlite', home: 'state' },
      readOnly: true,
      host: '127.0.0.1',
      port: 8080,
    })
    expect(
      parsePlaygroundArgs(['--redis', 'redis://h:6379', '--prefix', 'shop', '--host', '0.0.0.0']),
    ).toEqual({
      target: { kind: 'redis', url: 'redis://h:6379', prefix: 'shop' },
      readOnly: false,
      host: '0.0.0.0',
      port: 0,
    })
    expect(parsePlaygroundArgs([])).toEqual({ readOnly: false, host: '127.0.0.1', port: 0 })
  })

  it('refuses unknown flags and bad values with CLI_USAGE', () => {
    for (const args of [
      ['--bogus'],
      ['--home'],
      ['--port', '70000'],
      ['--port', 'ten'],
      ['--home', 'a', '--redis', 'redis://h'],
      ['--prefix', 'p'],
      ['--redis', 'http://h'],
      ['stray'],
    ]) {
      expect(() => parsePlaygroundArgs(args), args.join(' ')).toThrow(
        expect.objectContaining({ code: 'CLI_USAGE' }),
      )
    }
  })
})

describe('the process', () => {
  let home: TestDeployment
  const children: ChildProcess[] = []

  beforeAll(async () => {
    home = await sqliteDeployment()
  })

  const sqliteHome = () => (home.target.kind === 'sqlite' ? home.target.home : '')

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL')
    await home.cleanup()
  })

  it('exits 2 with a coded error on an unknown flag', async () => {
    const run = start(['--bogus'])
    children.push(run.child)
    expect(await exitCode(run.child)).toBe(2)
    expect(run.err()).toMatch(/^error CLI_USAGE: .*bogus/)
    expect(run.out()).toBe('')
  })

  it('exits 1 when the folder holds no deployment', async () => {
    const run = start(['--home', join(sqliteHome(), 'nothing-here')])
    children.push(run.child)
    expect(await exitCode(run.child)).toBe(1)
    expect(run.err()).toMatch(/^error CLI_HOME: No deployment in .*nothing-here/)
  })

  it('prints its loopback URL, answers there, and stops on SIGTERM', async () => {
    const run = start(['--home', sqliteHome(), '--port', '0'])
    children.push(run.child)
    await until(() => run.out().includes('\n'), 'the URL')
    const match = /^http:\/\/127\.0\.0\.1:(\d+)\n$/.exec(run.out())
    expect(match, run.out()).not.toBeNull()
    const reply = await call({ port: Number(match?.[1]) }, 'GET', '/api/session')
    expect(reply.body).toMatchObject({ mode: 'monitor', store: { kind: 'sqlite' } })
    expect(run.err()).toBe('')
    run.child.kill('SIGTERM')
    expect(await exitCode(run.child)).toBe(0)
  })

  it('finds a relative --home from where pnpm was called (INIT_CWD), not from its own folder', async () => {
    const home = sqliteHome()
    const run = start(['--', '--home', basename(home)], { INIT_CWD: dirname(home) })
    children.push(run.child)
    await until(() => run.out().includes('\n'), 'the URL')
    const port = Number(/:(\d+)\n$/.exec(run.out())?.[1])
    expect((await call({ port }, 'GET', '/api/session')).body.store.location).toBe(join(home, 'quantum.db'))
    run.child.kill('SIGTERM')
    expect(await exitCode(run.child)).toBe(0)
  })

  it('warns on stderr when it listens beyond this machine', async () => {
    const run = start(['--home', sqliteHome(), '--host', '0.0.0.0'])
    children.push(run.child)
    await until(() => run.out().includes('\n'), 'the URL')
    expect(run.err()).toMatch(/^warning: listening on 0\.0\.0\.0/)
    expect(run.out()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\n$/)
    run.child.kill('SIGTERM')
    expect(await exitCode(run.child)).toBe(0)
  })
})
