import type { RunResult } from '@quantum/runtime'
import { DEFAULT_LIMITS, toJson } from '@quantum/runtime'

/**
 * How far printing a run may go. The runtime has already held each part to the run's limits (output,
 * logs, the returned value), so only what no string can hold fails here, as a coded error; the depth
 * leaves room for the few levels this report wraps around the values.
 */
const PRINT_BOUNDS = { maxLength: Number.POSITIVE_INFINITY, maxDepth: DEFAULT_LIMITS.maxValueDepth + 8 }

/** What `quantum run --format json` prints: one object (ARCHITECTURE.md §7). */
export interface RunJson {
  component: string
  /** The component's `q:return` value, typed; `null` when it returned nothing. */
  result: unknown
  /** The rendered text and HTML. */
  output: string
  logs: { level: string; message: string; context?: unknown; correlationId?: string }[]
  threads: RunResult['threads']
  redirect?: NonNullable<RunResult['redirect']>
}

/**
 * The text form of a run: the rendered output as is, then `Redirect: STATUS URL` when the run redirected,
 * then `Result: VALUE` when the component returned a value (strings as they are, anything else as JSON).
 * Each added line starts on a line of its own.
 */
export function formatRunText(result: RunResult): string {
  let text = result.output
  const line = (extra: string) => {
    if (text !== '' && !text.endsWith('\n')) text += '\n'
    text += `${extra}\n`
  }
  if (result.redirect) line(`Redirect: ${result.redirect.status} ${result.redirect.url}`)
  if (result.result !== undefined) line(`Result: ${formatValue(result.result)}`)
  return text
}

/** A returned value on the `Result:` line: a string as it is, anything else as JSON. */
export function formatValue(value: unknown): string {
  return typeof value === 'string' ? value : toJson(value, undefined, PRINT_BOUNDS)
}

/** The JSON form of a run. */
export function runJson(result: RunResult): RunJson {
  const json: RunJson = {
    component: result.component,
    result: result.result === undefined ? null : result.result,
    output: result.output,
    logs: result.logs.map((entry) => {
      const log: RunJson['logs'][number] = { level: entry.level, message: entry.message }
      if (entry.context !== undefined) log.context = entry.context
      if (entry.correlationId) log.correlationId = entry.correlationId
      return log
    }),
    threads: result.threads,
  }
  if (result.redirect) json.redirect = result.redirect
  return json
}

/** {@link runJson} as printed: indented, dates as the runtime renders them, with a final newline. */
export function formatRunJson(result: RunResult): string {
  return `${toJson(runJson(result), 2, PRINT_BOUNDS)}\n`
}
