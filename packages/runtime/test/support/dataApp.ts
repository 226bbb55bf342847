import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { parse } from '@quantum/parser'
import {
  createRuntime,
  type RunOptions,
  type RunResult,
  type Runtime,
  type RuntimeOptions,
  type RuntimeServices,
} from '../../src/index'
import { createFiles, createHttp } from '../../src/services'
import { failure } from './failure'

/** An app folder in a temp dir, with the CLI's file rules, where `jobs/import.q` runs. */
export interface DataApp {
  dir: string
  app: string
  runtime: Runtime
  /** Write a file of the app (a path relative to the app folder). */
  write(path: string, content: string | Buffer): string
  /** Run a component body as the document `jobs/import.q`. */
  run(body: string, options?: RunOptions): Promise<RunResult>
  /** The error such a run fails with (on a runtime of its own when `runtime` options are given). */
  fail(body: string, options?: RunOptions, runtime?: RuntimeOptions): ReturnType<typeof failure>
  remove(): void
}

/** The document every run is: its line 2 holds the body's first tag. */
export const DOCUMENT = 'jobs/import.q'

/** A fresh app folder; `services` are added to (or replace) its files rules and HTTP client. */
export function createDataApp(services: RuntimeServices = {}): DataApp {
  const dir = mkdtempSync(join(tmpdir(), 'quantum-data-'))
  const app = join(dir, 'app')
  mkdirSync(join(app, 'jobs'), { recursive: true })
  const all: RuntimeServices = {
    files: createFiles({ roots: [app], denied: [join(dir, 'home')], base: app }),
    http: createHttp(),
    ...services,
  }
  const runtime = createRuntime(all)
  const document = (body: string) =>
    parse(`<q:component name="Import">\n${body}\n</q:component>`, { file: DOCUMENT })
  return {
    dir,
    app,
    runtime,
    write(path, content) {
      const full = join(app, path)
      mkdirSync(dirname(full), { recursive: true })
      writeFileSync(full, content)
      return full
    },
    run: (body, options) => runtime.run(document(body), options),
    fail: (body, options, runtimeOptions) =>
      failure((runtimeOptions ? createRuntime(all, runtimeOptions) : runtime).run(document(body), options)),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  }
}
