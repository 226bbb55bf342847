import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { openSqliteStore } from '@quantum/store/sqlite'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { resolveGlobalOptions } from '../src/globalOptions'
import { run } from './run'
import { scheduleDefinition } from './seed'

// The state folder is found as git finds .git: --home, QUANTUM_HOME, then the nearest folder holding a
// quantum.config.json or a .quantum folder walking up from the working directory, else ./.quantum.

let dir: string

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'quantum-cli-state-'))
  mkdirSync(join(dir, 'a', 'b'), { recursive: true })
})

afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

const at = (...parts: string[]) => join(dir, ...parts)
const resolveIn = (cwd: string, env: Record<string, string> = {}, raw = {}) =>
  resolveGlobalOptions(raw, { cwd, env })
const writeConfig = (folder: string, config: object = {}) =>
  writeFileSync(join(folder, 'quantum.config.json'), JSON.stringify(config))

describe('resolveGlobalOptions finds the state folder', () => {
  it('is ./.quantum when nothing is found walking up', () => {
    expect(resolveIn(at('a', 'b'))).toEqual({ home: at('a', 'b', '.quantum'), homeFrom: { kind: 'default' } })
  })

  it('finds a .quantum folder in a parent folder', () => {
    mkdirSync(at('.quantum'))
    expect(resolveIn(at('a', 'b'))).toEqual({ home: at('.quantum'), homeFrom: { kind: 'found' } })
  })

  it('finds a quantum.config.json in a parent folder: its .quantum, and that file is the configuration', () => {
    writeConfig(dir)
    expect(resolveIn(at('a', 'b'))).toEqual({
      home: at('.quantum'),
      homeFrom: { kind: 'config', file: at('quantum.config.json') },
      config: at('quantum.config.json'),
    })
  })

  it('takes the nearer of the two, and a configuration file over a .quantum in the same folder', () => {
    writeConfig(dir)
    mkdirSync(at('a', '.quantum'))
    expect(resolveIn(at('a', 'b'))).toEqual({ home: at('a', '.quantum'), homeFrom: { kind: 'found' } })
    writeConfig(at('a'))
    expect(resolveIn(at('a', 'b'))).toMatchObject({
      home: at('a', '.quantum'),
      config: at('a', 'quantum.config.json'),
    })
  })

  it('prefers QUANTUM_HOME, and --home to both, and still loads the configuration found', () => {
    writeConfig(dir)
    const env = { QUANTUM_HOME: 'state', QUANTUM_REDIS_URL: 'redis://env' }
    expect(resolveIn(at('a'), env)).toEqual({
      home: at('a', 'state'),
      homeFrom: { kind: 'env' },
      redisUrl: 'redis://env',
      config: at('quantum.config.json'),
    })
    const raw = { home: '/abs', redis: 'redis://flag' }
    expect(resolveIn(at('a'), env, raw)).toEqual({
      home: '/abs',
      homeFrom: { kind: 'flag' },
      redisUrl: 'redis://flag',
      config: at('quantum.config.json'),
    })
  })

  it('takes an empty QUANTUM_HOME as unset', () => {
    expect(resolveIn(at('a'), { QUANTUM_HOME: '' }).home).toBe(at('a', '.quantum'))
  })

  it('puts the state beside a configuration named by --config', () => {
    writeConfig(dir)
    mkdirSync(at('conf'))
    expect(resolveIn(at('a'), {}, { config: '../conf/q.json' })).toEqual({
      home: at('conf', '.quantum'),
      homeFrom: { kind: 'config', file: at('conf', 'q.json') },
      config: at('conf', 'q.json'),
    })
  })

  it('finds this repository’s own quantum.config.json from the repository root', () => {
    const root = fileURLToPath(new URL('../../../', import.meta.url)).replace(/\/$/, '')
    expect(resolveIn(root)).toMatchObject({
      home: join(root, '.quantum'),
      config: join(root, 'quantum.config.json'),
    })
  })
})

describe('the state folder in use', () => {
  it('is named with why in jobs list’s header, from any subfolder of the project', async () => {
    writeConfig(dir)
    const store = await openSqliteStore({ home: at('.quantum') })
    await store.registerSchedule(scheduleDefinition('tick', { kind: 'interval', everyMs: 60_000 }), {
      nextRun: new Date(Date.now() + 60_000),
    })
    await store.close()
    const list = await run(['jobs', 'list'], { cwd: at('a', 'b') })
    expect(list.code).toBe(0)
    expect(list.stdout.split('\n').slice(0, 2)).toEqual([
      `State: ${at('.quantum')} (from ${at('quantum.config.json')})`,
      '',
    ])
    expect(list.stdout).toMatch(/\n- +tick +scheduler +active /)
    expect((await run(['jobs', 'list'], { cwd: dir })).stdout).toMatch(
      /^State: \.quantum \(from quantum\.config\.json\)\n\n.*\n-+\n- +tick /,
    )
  })

  it('says whether it came from --home, QUANTUM_HOME, a .quantum found walking up, or the default', async () => {
    const header = async (args: string[], env: Record<string, string> = {}) =>
      (await run([...args, 'jobs', 'list'], { cwd: at('a'), env })).stdout.split('\n')[0]
    expect(await header([])).toBe('State: .quantum (default: none found walking up)')
    expect(await header(['--home', '../state'])).toBe(`State: ${at('state')} (--home)`)
    expect(await header([], { QUANTUM_HOME: 'here' })).toBe('State: here (QUANTUM_HOME)')
    mkdirSync(at('a', 'b', '.quantum'))
    expect((await run(['jobs', 'list'], { cwd: at('a', 'b') })).stdout.split('\n')[0]).toBe(
      'State: .quantum (found walking up)',
    )
  })

  it('is the configuration’s home, relative to the file, when it has one', async () => {
    writeConfig(dir, { home: 'var/state' })
    const list = await run(['jobs', 'list'], { cwd: at('a') })
    expect(list.stdout.split('\n')[0]).toBe(
      `State: ${at('var', 'state')} (from ${at('quantum.config.json')})`,
    )
    expect(existsSync(at('var', 'state', 'quantum.db'))).toBe(true)
    expect(existsSync(at('a', '.quantum'))).toBe(false)
  })

  it('is the same for a worker started in a subfolder and jobs list at the top', async () => {
    writeConfig(dir)
    const app = at('apps', 'worker', 'app')
    mkdirSync(app, { recursive: true })
    writeFileSync(
      join(app, 'tick.q'),
      '<q:component name="App" xmlns:q="https://quantum.lang/ns">\n' +
        '  <q:schedule name="tick" interval="1h"><q:log message="tick"/></q:schedule>\n</q:component>\n',
    )
    const controller = new AbortController()
    const worker = run(['worker', 'start', '--app', 'app'], {
      cwd: at('apps', 'worker'),
      signal: controller.signal,
    })
    try {
      await expect
        .poll(async () => (await run(['jobs', 'list'], { cwd: dir })).stdout, {
          timeout: 10_000,
          interval: 100,
        })
        .toMatch(/\n- +tick +scheduler +active /)
    } finally {
      controller.abort(new Error('interrupted by SIGINT'))
    }
    const result = await worker
    expect(result.code).toBe(0)
    expect(result.stdout).toContain(`\n  State: ${at('.quantum')} (from ${at('quantum.config.json')})\n`)
    expect(existsSync(at('apps', 'worker', '.quantum'))).toBe(false)
  })
})
