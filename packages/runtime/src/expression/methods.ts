import { type CallExpression, ErrorCodes } from '@quantum/ast'
import { runtimeError } from '../run/errors'
import type { Context } from '../scope/context'
import { looseEquals } from '../values/compare'
import { toText } from '../values/render'
import { describe } from './evaluate'

type Method = (target: never, args: unknown[]) => unknown

const STRING_METHODS: Record<string, (s: string, args: unknown[]) => unknown> = {
  upper: (s) => s.toUpperCase(),
  lower: (s) => s.toLowerCase(),
  trim: (s) => s.trim(),
  strip: (s) => s.trim(),
  split: (s, [separator]) => s.split(separator === undefined ? ',' : toText(separator)),
  replace: (s, [from, to]) => s.replaceAll(toText(from), toText(to)),
  startsWith: (s, [prefix]) => s.startsWith(toText(prefix)),
  endsWith: (s, [suffix]) => s.endsWith(toText(suffix)),
  contains: (s, [part]) => s.includes(toText(part)),
  includes: (s, [part]) => s.includes(toText(part)),
  indexOf: (s, [part]) => s.indexOf(toText(part)),
  substring: (s, [start, end]) => s.substring(Number(start), end === undefined ? undefined : Number(end)),
}

const ARRAY_METHODS: Record<string, (a: unknown[], args: unknown[]) => unknown> = {
  join: (a, [separator]) => a.map(toText).join(separator === undefined ? ',' : toText(separator)),
  contains: (a, [item]) => a.some((element) => looseEquals(element, item)),
  includes: (a, [item]) => a.some((element) => looseEquals(element, item)),
  indexOf: (a, [item]) => a.findIndex((element) => looseEquals(element, item)),
  slice: (a, [start, end]) => a.slice(Number(start ?? 0), end === undefined ? undefined : Number(end)),
  first: (a) => a[0] ?? null,
  last: (a) => a[a.length - 1] ?? null,
  reverse: (a) => [...a].reverse(),
}

const OBJECT_METHODS: Record<string, (o: Record<string, unknown>, args: unknown[]) => unknown> = {
  keys: (o) => Object.keys(o),
  values: (o) => Object.values(o),
  has: (o, [key]) => Object.hasOwn(o, toText(key)),
}

/** `value.method(args)`: a short whitelist per value kind; nothing reaches JavaScript's own methods. */
export function callMethod(
  target: unknown,
  name: string,
  args: unknown[],
  node: CallExpression,
  ctx: Context,
): unknown {
  let method: Method | undefined
  if (typeof target === 'string')
    method = Object.hasOwn(STRING_METHODS, name) ? (STRING_METHODS[name] as Method) : undefined
  else if (Array.isArray(target))
    method = Object.hasOwn(ARRAY_METHODS, name) ? (ARRAY_METHODS[name] as Method) : undefined
  else if (target !== null && typeof target === 'object' && !(target instanceof Date)) {
    method = Object.hasOwn(OBJECT_METHODS, name) ? (OBJECT_METHODS[name] as Method) : undefined
  }
  if (!method) {
    throw runtimeError(
      ErrorCodes.RUNTIME_NOT_FOUND,
      `${describe(target)} has no method "${name}"`,
      ctx.run.at(node),
    )
  }
  return method(target as never, args)
}
