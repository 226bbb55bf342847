import { type ErrorCode, ErrorCodes, type LoopNode } from '@quantum/ast'
import { all, type ExecutionHandler, type Flow } from '../execute'
import { isQueryResult, rowCursor } from '../expression/members'
import { bindValue } from '../expression/template'
import { andThen, isPromise, type MaybePromise, withCleanup } from '../maybe'
import { runtimeError } from '../run/errors'
import { defineRegister } from '../run/registers'
import type { Context } from '../scope/context'
import { isPlainObject } from '../values/compare'
import { MISSING } from '../values/missing'
import { toNumberLoose } from '../values/numbers'
import { toText } from '../values/render'

/** Told when an iteration of a loop in the observed body ends, with the context the loop ran in. */
export type IterationObserver = (ctx: Context) => void

/** The observers of loop iterations, by the context of the body each observes. */
const observers = defineRegister('q:loop: iteration observers', () => new Map<Context, IterationObserver>())

/**
 * Have `observer` told of the end of every iteration of a loop that runs in `scope`'s body (loops
 * in functions it calls run elsewhere; a nested observed body takes its own loops). Call the
 * returned function when the body is over.
 */
export function observeIterations(scope: Context, observer: IterationObserver): () => void {
  const byScope = scope.run.registers.get(observers)
  byScope.set(scope, observer)
  return () => byScope.delete(scope)
}

/** `<q:loop>` over a range, an array, a delimited list, query rows or an object's keys. */
export const loop: ExecutionHandler<LoopNode> = (node, ctx) => {
  switch (node.loopType) {
    case 'range':
      return range(node, ctx)
    case 'query':
      return andThen(items(node, ctx), (rows) => overRows(node, rows, ctx))
    case 'object':
      return andThen(items(node, ctx), (object) => {
        if (!isPlainObject(object))
          throw fail(node, ctx, `loop over an object needs an object, not ${toText(object)}`)
        const keys = Object.keys(object)
        return iterate(node, ctx, keys.length, (i) => bind(node, ctx, keys[i], i))
      })
    default:
      return andThen(items(node, ctx), (value) => {
        const list = toList(node, value)
        return iterate(node, ctx, list.length, (i) => bind(node, ctx, list[i], i))
      })
  }
}

function range(node: LoopNode, ctx: Context): MaybePromise<Flow> {
  const read = (value: LoopNode['from'], name: string, fallback?: number) =>
    andThen(value === undefined ? fallback : bindValue(value, ctx), (raw) => {
      const number = toNumberLoose(raw)
      if (number === undefined)
        throw fail(node, ctx, `loop ${name} must be a number, not ${toText(raw) || 'null'}`)
      return number
    })
  return andThen(read(node.from, 'from'), (from) =>
    andThen(read(node.to, 'to'), (to) =>
      andThen(read(node.step, 'step', 1), (step) => {
        if (step === 0) throw fail(node, ctx, 'loop step must not be 0')
        const count = (step > 0 ? to >= from : to <= from) ? Math.floor((to - from) / step) + 1 : 0
        return iterate(node, ctx, count, (i) => bind(node, ctx, from + i * step, i))
      }),
    ),
  )
}

function overRows(node: LoopNode, value: unknown, ctx: Context): MaybePromise<Flow> {
  if (!Array.isArray(value))
    throw fail(node, ctx, `loop over a query needs query rows, not ${toText(value) || 'null'}`)
  const rows = value as Record<string, unknown>[]
  const cursorOn = isQueryResult(rows) ? rows : undefined
  // A loop over the same query inside this one moves the cursor too: put the outer row back after.
  const previous = cursorOn ? rowCursor.get(cursorOn) : undefined
  const reset = () => {
    if (!cursorOn) return
    if (previous === undefined) rowCursor.delete(cursorOn)
    else rowCursor.set(cursorOn, previous)
  }
  return withCleanup(
    () =>
      iterate(node, ctx, rows.length, (i) => {
        const row = rows[i] as Record<string, unknown>
        if (cursorOn) rowCursor.set(cursorOn, i)
        if (node.var) ctx.assign(node.var, row)
        else if (isPlainObject(row)) for (const key of Object.keys(row)) ctx.vars[key] = row[key]
        ctx.vars.currentRow = i + 1
        if (node.index) ctx.assign(node.index, i)
      }),
    reset,
  )
}

function items(node: LoopNode, ctx: Context): MaybePromise<unknown> {
  if (node.query !== undefined) {
    const rows = ctx.lookup(node.query)
    if (rows === MISSING)
      throw fail(node, ctx, `loop query '${node.query}' is not defined`, ErrorCodes.RUNTIME_NOT_FOUND)
    return rows
  }
  const source = node.items ?? ''
  return andThen(bindValue(source, ctx), (value) => {
    if (typeof source !== 'string' && typeof value === 'string' && /^\{[^}]*\}$/.test(value.trim())) {
      throw fail(node, ctx, `loop items ${value.trim()} is not defined`, ErrorCodes.RUNTIME_NOT_FOUND)
    }
    if (typeof source === 'string' && node.loopType !== 'list' && /^[A-Za-z_][\w.]*$/.test(source.trim())) {
      const named = ctx.lookup(source.trim())
      if (named !== MISSING) return named
    }
    return value
  })
}

function toList(node: LoopNode, value: unknown): unknown[] {
  if (Array.isArray(value)) return value
  if (value === null || value === undefined || value === '') return []
  if (typeof value === 'string') {
    if (node.loopType === 'list')
      return value
        .split(node.delimiter ?? ',')
        .map((item) => item.trim())
        .filter((item) => item !== '')
    const text = value.trim()
    if (text.startsWith('[')) {
      try {
        const parsed = JSON.parse(text)
        if (Array.isArray(parsed)) return parsed
      } catch {
        // not JSON: one item
      }
    }
  }
  return [value]
}

function bind(node: LoopNode, ctx: Context, value: unknown, index: number) {
  if (node.var) ctx.assign(node.var, value)
  if (node.index) ctx.assign(node.index, index)
}

/** Run the body `count` times; synchronous while the body is, so long loops cost no microtasks. */
function iterate(
  node: LoopNode,
  ctx: Context,
  count: number,
  setup: (i: number) => void,
): MaybePromise<Flow> {
  const body = node.body
  const watching = ctx.run.registers.get(observers)
  const after = (flow: Flow): Flow | 'next' => {
    if (watching.size > 0) ctx.nearest(watching)?.(ctx)
    if (flow === undefined || flow.kind === 'continue') return 'next'
    return flow.kind === 'break' ? undefined : flow
  }
  const run = (from: number): MaybePromise<Flow> => {
    for (let i = from; i < count; i++) {
      // Each iteration is a step, so even an empty body honours cancellation and the limits.
      const waited = ctx.run.step(node)
      if (waited) return waited.then(() => run(i))
      setup(i)
      const flow = all(body, ctx)
      if (isPromise(flow)) {
        return flow.then((settled) => {
          const next = after(settled)
          return next === 'next' ? run(i + 1) : next
        })
      }
      const next = after(flow)
      if (next !== 'next') return next
    }
    return undefined
  }
  return run(0)
}

function fail(
  node: LoopNode,
  ctx: Context,
  message: string,
  code: ErrorCode = ErrorCodes.RUNTIME_TYPE_ERROR,
) {
  return runtimeError(code, message, ctx.run.at(node))
}
