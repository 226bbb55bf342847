import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, expect } from 'vitest'
import { type RunResult, run } from './run'

/** The runnable examples' folder, /examples. */
export const examplesDir = fileURLToPath(new URL('../../../examples/', import.meta.url))

/** What `quantum run` of an example says on stderr when it registered or queued work and no worker runs. */
export const NO_WORKER = `No worker is running: start one with quantum worker start --app ${examplesDir.replace(/\/$/, '')}\n`

/** A temporary working folder and state folder per test, and the CLI run in-process on them. */
export interface ExampleHome {
  /** The state folder (`--home`) of the current test. */
  home(): string
  /** `quantum --home <home> ...args` from the working folder. */
  quantum(...args: string[]): Promise<RunResult>
  /** `quantum run examples/FILE ...args`. */
  runExample(file: string, ...args: string[]): Promise<RunResult>
  /** Rows of the `db` datasource, read with a throwaway component run in the same state folder. */
  rows(sql: string): Promise<unknown>
  /** `quantum worker start` serving every queue until `signal` aborts (as Ctrl-C would). */
  worker(signal: AbortSignal): Promise<RunResult>
}

/** Registers beforeEach/afterEach hooks that make (and delete) the folders. */
export function exampleHome(prefix: string): ExampleHome {
  let dir = ''
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), prefix))
  })
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true })
  })
  const home = () => join(dir, 'home')
  const quantum = (...args: string[]) => run(['--home', home(), ...args], { cwd: dir })
  return {
    home,
    quantum,
    runExample: (file, ...args) => quantum('run', join(examplesDir, file), ...args),
    worker: (signal) => run(['--home', home(), 'worker', 'start'], { cwd: dir, signal }),
    async rows(sql) {
      const file = join(dir, 'read.q')
      writeFileSync(
        file,
        `<q:component name="Read" xmlns:q="https://quantum.lang/ns">
  <q:query name="rows" datasource="db">${sql}</q:query>
  <q:return value="{rows}"/>
</q:component>\n`,
      )
      const result = await quantum('run', file, '--format', 'json')
      expect(result.code).toBe(0)
      return JSON.parse(result.stdout).result
    },
  }
}
