import { parse } from '@quantum/parser'
import {
  createRuntime,
  type RunOptions,
  type RunResult,
  type RuntimeOptions,
  type RuntimeServices,
} from '../src/index'

/** Parse a component body (wrapped in `<q:component name="Test">` unless it is a whole document) and run it. */
export async function run(
  source: string,
  options: RunOptions & { services?: RuntimeServices; runtime?: RuntimeOptions } = {},
): Promise<RunResult> {
  const text = source.trimStart().startsWith('<q:component')
    ? source
    : `<q:component name="Test">${source}</q:component>`
  const document = parse(text, { file: 'test.q' })
  const { services, runtime, ...runOptions } = options
  return createRuntime(services ?? {}, runtime).run(document, runOptions)
}

/** The error a run rejects with. */
export async function runError(source: string, options: Parameters<typeof run>[1] = {}) {
  try {
    await run(source, options)
  } catch (error) {
    return error as Error & { code: string; location: string; details?: Record<string, unknown> }
  }
  throw new Error('expected the run to fail')
}
