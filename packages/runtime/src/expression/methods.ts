import { type CallExpression, ErrorCodes } from '@quantum/ast'
import { runtimeError } from '../run/errors'
import type { RunState } from '../run/state'
import type { Context } from '../scope/context'
import { looseEquals } from '../values/compare'
import { toText } from '../values/render'
import { describe } from './evaluate'

/** A method: the target, the evaluated arguments, and the run whose limits it keeps. */
type Method<T> = (target: T, args: unknown[], run: RunState, node: CallExpression) => unknown

const STRING_METHODS: Record<string, Method<string>> = {
  upper: (s, _args, run, node) => grown(s.toUpperCase(), run, node),
  lower: (s, _args, run, node) => grown(s.toLowerCase(), run, node),
  trim: (s) => s.trim(),
  strip: (s) => s.trim(),
  split: (s, [separator], run, node) => {
    const by = separator === undefined ? ',' : toText(separator, run.bounds)
    const pieces = by === '' ? s.length : occurrences(s, by) + 1
    run.checkLength(pieces, run.at(node))
    run.charge(pieces)
    return s.split(by)
  },
  replace: (s, [from, to], run, node) => {
    const what = toText(from, run.bounds)
    const by = toText(to, run.bounds)
    const count = what === '' ? s.length + 1 : occurrences(s, what)
    run.checkLength(s.length + count * (by.length - what.length), run.at(node))
    run.charge(count)
    // A function replacement is taken literally: `$&`, `$1`… mean nothing here.
    return s.replaceAll(what, () => by)
  },
  startsWith: (s, [prefix], run) => s.startsWith(toText(prefix, run.bounds)),
  endsWith: (s, [suffix], run) => s.endsWith(toText(suffix, run.bounds)),
  contains: (s, [part], run) => s.includes(toText(part, run.bounds)),
  includes: (s, [part], run) => s.includes(toText(part, run.bounds)),
  indexOf: (s, [part], run) => s.indexOf(toText(part, run.bounds)),
  substring: (s, [start, end]) => s.substring(Number(start), end === undefined ? undefined : Number(end)),
}

const ARRAY_METHODS: Record<string, Method<unknown[]>> = {
  join: (a, [separator], run, node) => {
    const by = separator === undefined ? ',' : toText(separator, run.bounds)
    run.charge(a.length)
    const texts = a.map((item) => toText(item, run.bounds))
    let length = by.length * Math.max(0, a.length - 1)
    for (const text of texts) length += text.length
    run.checkLength(length, run.at(node))
    return texts.join(by)
  },
  contains: (a, [item], run) => find(a, item, run) !== -1,
  includes: (a, [item], run) => find(a, item, run) !== -1,
  indexOf: (a, [item], run) => find(a, item, run),
  slice: (a, [start, end], run) => {
    const slice = a.slice(Number(start ?? 0), end === undefined ? undefined : Number(end))
    run.charge(slice.length)
    return slice
  },
  first: (a) => a[0] ?? null,
  last: (a) => a[a.length - 1] ?? null,
  reverse: (a, _args, run) => {
    run.charge(a.length)
    return [...a].reverse()
  },
}

const OBJECT_METHODS: Record<string, Method<Record<string, unknown>>> = {
  keys: (o, _args, run) => charged(Object.keys(o), run),
  values: (o, _args, run) => charged(Object.values(o), run),
  has: (o, [key], run) => Object.hasOwn(o, toText(key, run.bounds)),
}

/** `value.method(args)`: a short whitelist per value kind; nothing reaches JavaScript's own methods. */
export function callMethod(
  target: unknown,
  name: string,
  args: unknown[],
  node: CallExpression,
  ctx: Context,
): unknown {
  let method: Method<never> | undefined
  if (typeof target === 'string')
    method = Object.hasOwn(STRING_METHODS, name) ? (STRING_METHODS[name] as Method<never>) : undefined
  else if (Array.isArray(target))
    method = Object.hasOwn(ARRAY_METHODS, name) ? (ARRAY_METHODS[name] as Method<never>) : undefined
  else if (target !== null && typeof target === 'object' && !(target instanceof Date)) {
    method = Object.hasOwn(OBJECT_METHODS, name) ? (OBJECT_METHODS[name] as Method<never>) : undefined
  }
  if (!method) {
    throw runtimeError(
      ErrorCodes.RUNTIME_NOT_FOUND,
      `${describe(target)} has no method "${name}"`,
      ctx.run.at(node),
    )
  }
  return method(target as never, args, ctx.run, node)
}

/** How many times `part` (not empty) occurs in `text`, without overlaps: what split and replace will find. */
function occurrences(text: string, part: string): number {
  let count = 0
  for (let at = text.indexOf(part); at !== -1; at = text.indexOf(part, at + part.length)) count++
  return count
}

/** A changed-case string: a few characters grow (`ß` upper-cases to `SS`), so check the result. */
function grown(text: string, run: RunState, node: CallExpression): string {
  run.checkLength(text.length, run.at(node))
  return text
}

/** Where the first item loosely equal to `item` is, or -1; the items are charged. */
function find(items: unknown[], item: unknown, run: RunState): number {
  run.charge(items.length)
  return items.findIndex((element) => looseEquals(element, item, run.bounds))
}

function charged<T>(items: T[], run: RunState): T[] {
  run.charge(items.length)
  return items
}
