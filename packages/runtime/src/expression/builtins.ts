import { type CallExpression, ErrorCodes } from '@quantum/ast'
import type { MaybePromise } from '../maybe'
import { runtimeError } from '../run/errors'
import type { Context } from '../scope/context'
import { compareLoose } from '../values/compare'
import { DATE_UNITS, dateAdd, formatDate, toDate } from '../values/dates'
import { formatNumber, MAX_DECIMALS } from '../values/formatNumber'
import { MISSING } from '../values/missing'
import { toNumberLoose } from '../values/numbers'
import { toJson, toText } from '../values/render'
import { getMember } from './members'

/** A built-in function: evaluated arguments in, a value out. */
export type Builtin = (args: unknown[], ctx: Context, node: CallExpression) => MaybePromise<unknown>

const fail = (ctx: Context, node: CallExpression, message: string) =>
  runtimeError(ErrorCodes.RUNTIME_TYPE_ERROR, message, ctx.run.at(node))

function number(args: unknown[], i: number, name: string, ctx: Context, node: CallExpression): number {
  const value = toNumberLoose(args[i])
  if (value === undefined)
    throw fail(ctx, node, `${name}() needs a number as argument ${i + 1}, got ${toText(args[i]) || 'null'}`)
  return value
}

function date(args: unknown[], i: number, name: string, ctx: Context, node: CallExpression): Date {
  const value = args[i] === undefined ? (ctx.run.services.clock?.now() ?? new Date()) : toDate(args[i])
  if (!value)
    throw fail(ctx, node, `${name}() needs a date as argument ${i + 1}, got ${toText(args[i]) || 'null'}`)
  return value
}

/** The items of `f(list)` or `f(a, b, …)`, charged as work. */
function list(args: unknown[], ctx: Context): unknown[] {
  const items = args.length === 1 && Array.isArray(args[0]) ? (args[0] as unknown[]) : args
  ctx.run.charge(items.length)
  return items
}

/** A string a builtin built from a shorter one (a changed case, a formatted date): within the limit. */
function text(value: string, ctx: Context, node: CallExpression): string {
  ctx.run.checkLength(value.length, ctx.run.at(node))
  return value
}

function extreme(args: unknown[], ctx: Context, node: CallExpression, name: string, sign: 1 | -1): unknown {
  const items = list(args, ctx)
  if (items.length === 0) throw fail(ctx, node, `${name}() of nothing`)
  return items.reduce((best, item) => {
    const order = compareLoose(item, best)
    if (order === undefined)
      throw fail(ctx, node, `${name}() cannot compare ${toText(item)} with ${toText(best)}`)
    return order * sign > 0 ? item : best
  })
}

/** The built-in functions expressions can call. A `q:function` of the same name wins. */
export const BUILTINS: Record<string, Builtin> = Object.assign(
  Object.create(null) as Record<string, Builtin>,
  {
    now: (_args, ctx) => ctx.run.services.clock?.now() ?? new Date(),
    formatDate: (args, ctx, node) =>
      text(
        formatDate(
          date(args, 0, 'formatDate', ctx, node),
          args[1] === undefined ? 'yyyy-MM-dd' : toText(args[1], ctx.run.bounds),
        ),
        ctx,
        node,
      ),
    formatNumber: (args, ctx, node) => {
      const mask = args[1] === undefined ? '0' : toText(args[1], ctx.run.bounds)
      const formatted = formatNumber(number(args, 0, 'formatNumber', ctx, node), mask)
      if (formatted === undefined)
        throw fail(ctx, node, `formatNumber() mask asks for more than ${MAX_DECIMALS} decimals`)
      return formatted
    },
    dateAdd: (args, ctx, node) => {
      const result = dateAdd(
        toText(args[0]),
        number(args, 1, 'dateAdd', ctx, node),
        date(args, 2, 'dateAdd', ctx, node),
      )
      if (!result) throw fail(ctx, node, `dateAdd() unit "${toText(args[0])}" is not one of: ${DATE_UNITS}`)
      return result
    },
    len: (args, ctx, node) => {
      const value = args[0]
      if (typeof value === 'string' || Array.isArray(value)) return value.length
      if (value !== null && typeof value === 'object' && !(value instanceof Date))
        return Object.keys(value).length
      throw fail(ctx, node, `len() needs a string, array or object, got ${toText(value) || 'null'}`)
    },
    str: (args, ctx) => toText(args[0], ctx.run.bounds),
    int: (args, ctx, node) => Math.trunc(number(args, 0, 'int', ctx, node)),
    float: (args, ctx, node) => number(args, 0, 'float', ctx, node),
    abs: (args, ctx, node) => Math.abs(number(args, 0, 'abs', ctx, node)),
    round: (args, ctx, node) => {
      const value = number(args, 0, 'round', ctx, node)
      const digits = args[1] === undefined ? 0 : number(args, 1, 'round', ctx, node)
      const factor = 10 ** digits
      const scaled = value * factor
      // A number too large to scale has no digits left at that precision; a factor out of range
      // (Infinity, 0) makes NaN, which the caller reports.
      if (Number.isFinite(factor) && factor !== 0 && !Number.isFinite(scaled)) return value
      return Math.round(scaled) / factor
    },
    min: (args, ctx, node) => extreme(args, ctx, node, 'min', -1),
    max: (args, ctx, node) => extreme(args, ctx, node, 'max', 1),
    sum: (args, ctx, node) =>
      list(args, ctx).reduce<number>(
        (total, item, i) => total + number([item], 0, `sum (item ${i + 1})`, ctx, node),
        0,
      ),
    sorted: (args, ctx, node) => {
      const items = [...list(args, ctx)]
      return items.sort((a, b) => {
        ctx.run.charge(1)
        const order = compareLoose(a, b)
        if (order === undefined)
          throw fail(ctx, node, `sorted() cannot compare ${toText(a)} with ${toText(b)}`)
        return order
      })
    },
    upper: (args, ctx, node) => text(toText(args[0], ctx.run.bounds).toUpperCase(), ctx, node),
    ucase: (args, ctx, node) => text(toText(args[0], ctx.run.bounds).toUpperCase(), ctx, node),
    lower: (args, ctx, node) => text(toText(args[0], ctx.run.bounds).toLowerCase(), ctx, node),
    lcase: (args, ctx, node) => text(toText(args[0], ctx.run.bounds).toLowerCase(), ctx, node),
    trim: (args, ctx) => toText(args[0], ctx.run.bounds).trim(),
    strip: (args, ctx) => toText(args[0], ctx.run.bounds).trim(),
    isDefined: (args, ctx) => {
      const [head, ...rest] = toText(args[0], ctx.run.bounds).split('.')
      let value = ctx.lookup(head as string)
      for (const key of rest) value = getMember(value, key)
      return value !== MISSING
    },
    toJson: (args, ctx) =>
      toJson(args[0], args[1] === undefined ? undefined : Number(args[1]), ctx.run.bounds),
    fromJson: (args, ctx, node) => {
      const json = toText(args[0], ctx.run.bounds)
      ctx.run.charge(json.length)
      try {
        return JSON.parse(json)
      } catch (error) {
        throw fail(ctx, node, `fromJson() could not parse: ${(error as Error).message}`)
      }
    },
  } satisfies Record<string, Builtin>,
)
