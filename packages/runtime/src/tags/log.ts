import type { LogNode } from '@quantum/ast'
import type { ExecutionHandler } from '../execute'
import { bindValue, textOf } from '../expression/template'
import { holds } from '../expression/when'
import { andThen, sequence } from '../maybe'
import type { Context } from '../scope/context'
import type { LogEntry } from '../services/types'

/** `<q:log>`: one entry to the host's logger and to the run's `logs`; `when` false skips it. */
export const log: ExecutionHandler<LogNode> = (node, ctx) =>
  andThen(holds(node.when, ctx), (when) => {
    if (!when) return undefined
    const parts = [
      () => textOf(node.message, ctx),
      () => (node.context === undefined ? undefined : bindValue(node.context, ctx)),
      () => (node.correlationId === undefined ? undefined : textOf(node.correlationId, ctx)),
    ]
    return andThen(sequence<unknown>(parts), ([message, context, correlationId]) => {
      const entry: LogEntry = { time: now(ctx), level: node.level, message: message as string }
      if (context !== undefined) entry.context = contextValue(context)
      if (correlationId) entry.correlationId = correlationId as string
      ctx.run.log(entry, node)
      return undefined
    })
  })

/** A `context` attribute: a value, JSON text, or any other text as `{ value }` (upstream). */
function contextValue(context: unknown): unknown {
  if (typeof context !== 'string') return context
  try {
    return JSON.parse(context)
  } catch {
    return { value: context }
  }
}

function now(ctx: Context): Date {
  return ctx.run.services.clock?.now() ?? new Date()
}
