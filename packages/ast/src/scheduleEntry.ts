import type { FunctionNode } from './nodes/function'
import type { Statement } from './nodes/index'

/**
 * What one fire of a schedule runs: its body's statements, or, when the body only defines functions
 * (the proposal's `hourly-cleanup`), one of those functions; or nothing, with the reason a checker shows.
 */
export type ScheduleEntry =
  | { kind: 'statements' }
  | { kind: 'function'; function: FunctionNode }
  | { kind: 'nothing'; reason: string }

/** The function a functions-only body runs when it defines several. */
export const SCHEDULE_ENTRY_FUNCTION = 'execute'

/**
 * How a schedule body runs on each fire. A body made only of `q:function` definitions runs its one
 * function, or with several the one named `execute`; an empty body, or several functions without an
 * `execute`, would do nothing (`quantum check` warns).
 */
export function scheduleEntry(body: readonly Statement[]): ScheduleEntry {
  if (body.length === 0) return { kind: 'nothing', reason: 'the body is empty, so a fire would run nothing' }
  const functions = body.filter((statement): statement is FunctionNode => statement.type === 'function')
  if (functions.length < body.length) return { kind: 'statements' }
  const [only] = functions
  if (functions.length === 1 && only) return { kind: 'function', function: only }
  const entry = functions.find((fn) => fn.name === SCHEDULE_ENTRY_FUNCTION)
  if (entry) return { kind: 'function', function: entry }
  const names = functions.map((fn) => `'${fn.name}'`).join(', ')
  return {
    kind: 'nothing',
    reason: `the body only defines functions (${names}) and none is named '${SCHEDULE_ENTRY_FUNCTION}', so a fire would run nothing`,
  }
}
