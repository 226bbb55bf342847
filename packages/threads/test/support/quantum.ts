import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from '@quantum/parser'
import {
  createRuntime,
  type PortableBody,
  type RunOptions,
  type RunResult,
  type RuntimeOptions,
} from '@quantum/runtime'
import { createLogger, type MemoryLogger } from '@quantum/runtime/services'
import {
  createThreadPool,
  createThreadService,
  type ThreadPool,
  type ThreadPoolOptions,
} from '../../src/index'

/** A component body (wrapped in `<q:component name="Test">` unless it is a whole document), parsed. */
export function documentOf(source: string, file = 'test.q') {
  const text = source.trimStart().startsWith('<q:component')
    ? source
    : `<q:component name="Test">${source}</q:component>`
  return parse(text, { file })
}

/** The statements of a component body as a body that crosses to a worker, with its functions. */
export function bodyOf(source: string, snapshot: Record<string, unknown> = {}): PortableBody {
  const { component, file } = documentOf(source)
  return { body: component.body, functions: component.functions, snapshot, ...(file ? { file } : {}) }
}

/** A temporary state folder, removed by `remove`. */
export function tempHome() {
  const home = mkdtempSync(join(tmpdir(), 'quantum-threads-'))
  return { home, remove: () => rmSync(home, { recursive: true, force: true }) }
}

/** A pool, its thread service and the host logger they write to; close the pool when done. */
export interface Host {
  pool: ThreadPool
  threads: ReturnType<typeof createThreadService>
  logger: MemoryLogger
  /** Run a component in the parent with the thread service; waits for nothing but the component. */
  run(source: string, options?: RunOptions): Promise<RunResult>
}

export function openHost(
  options: ThreadPoolOptions = {},
  serviceOptions = {},
  runtimeOptions: RuntimeOptions = {},
): Host {
  const pool = createThreadPool(options)
  const logger = createLogger({ write: () => {} })
  const threads = createThreadService(pool, { logger, ...serviceOptions })
  const runtime = createRuntime({ threads, logger }, runtimeOptions)
  return { pool, threads, logger, run: (source, runOptions) => runtime.run(documentOf(source), runOptions) }
}

/** The messages the host logger received, in order. */
export function messages(logger: MemoryLogger): string[] {
  return logger.entries().map((entry) => entry.message)
}
