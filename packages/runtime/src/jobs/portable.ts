import type { Statement } from '@quantum/ast'
import type { Context } from '../scope/context'
import { portableValue } from '../values/portable'
import type { PortableBody } from './types'

/**
 * Everything a body needs to run in another thread, process or machine: its statements, the
 * functions defined so far, the file, and a JSON-safe copy of the variables it can see (inner
 * scopes win over outer ones, as in a lookup).
 */
export function portable(body: Statement[], ctx: Context): PortableBody {
  const chain: Context[] = []
  for (let scope: Context | undefined = ctx; scope; scope = scope.parent) chain.unshift(scope)
  const visible: Record<string, unknown> = { ...ctx.shared.component }
  for (const scope of chain) Object.assign(visible, scope.vars)
  const snapshot = portableValue(visible, ctx.run.bounds) as Record<string, unknown>
  const result: PortableBody = {
    body,
    functions: [...ctx.run.functions.values()],
    snapshot,
    session: portableValue({ ...ctx.shared.session }, ctx.run.bounds) as Record<string, unknown>,
  }
  if (ctx.run.file !== undefined) result.file = ctx.run.file
  return result
}

/**
 * Store a tag's result under every spelling upstream and the design use (`schedule_<name>`,
 * `dispatched_job_<name>`…). They are run results, read like component variables but kept in no
 * scope: in component scope, every later schedule or job would copy all earlier ones' results into its
 * snapshot (1,000 schedules in one file stored 139 MB of definitions, quadratic).
 */
export function publish(ctx: Context, names: string[], value: unknown) {
  for (const name of names) ctx.run.results[name] = value
}
