import type { Bindable, DumpNode, LogNode } from '@quantum/ast'
import type { ExecutionHandler } from '../execute'
import { evaluate } from '../expression/evaluate'
import { bindValue, textOf } from '../expression/template'
import { andThen, type MaybePromise, sequence } from '../maybe'
import type { Context } from '../scope/context'
import type { LogEntry } from '../services/types'
import { escapeAttribute, escapeHtml, toJson, toText } from '../values/render'
import { truthy } from '../values/truthy'
import { loneInterpolation } from './invoke'

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
      write(ctx, entry)
      return undefined
    })
  })

/**
 * A `when` attribute, read as a condition: absent is true; a lone `{expr}` is evaluated, so an
 * unknown name is null (false) rather than its `{name}` text (UPSTREAM.md §2.2 [R]); other text is
 * databound and judged by its truthiness (`when="false"` is false).
 */
function holds(when: Bindable | undefined, ctx: Context): MaybePromise<boolean> {
  if (when === undefined) return true
  const only = loneInterpolation(when)
  return andThen(only ? evaluate(only.expression, ctx) : bindValue(when, ctx), truthy)
}

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

const MAX_RUN_LOGS = 10_000

/** Record a log entry in the run and pass it to the host's logger. */
export function write(ctx: Context, entry: LogEntry) {
  // The run keeps its most recent entries; the host's logger gets every one.
  if (ctx.run.logs.length >= MAX_RUN_LOGS) ctx.run.logs.shift()
  ctx.run.logs.push(entry)
  ctx.run.services.logger?.log(entry)
}

/** `<q:dump var [label] [format]>`: the value, shown in the output and kept as `_dump_<label>`. */
export const dump: ExecutionHandler<DumpNode> = (node, ctx) =>
  andThen(holds(node.when, ctx), (when) => {
    if (!when) return undefined
    return andThen(bindValue(node.var, ctx), (value) => {
      const label = node.label ?? 'dump'
      const json = typeof value === 'string' ? value : toJson(value, 2)
      const shown =
        node.format === 'html'
          ? `<pre class="q-dump" data-label="${escapeAttribute(label)}">${escapeHtml(json)}</pre>`
          : escapeHtml(
              node.format === 'json'
                ? toJson(value)
                : `${label}: ${typeof value === 'string' ? value : toText(json)}`,
            )
      ctx.run.write(`${shown}\n`, node)
      ctx.assign(`_dump_${label}`, value)
      return undefined
    })
  })
