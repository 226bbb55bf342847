import { type ErrorCode, ErrorCodes, type SetNode, type SetValidation } from '@quantum/ast'
import { RE2JS } from 're2js'
import type { ExecutionHandler } from '../execute'
import { describe } from '../expression/evaluate'
import { bindValue } from '../expression/template'
import { andThen, isPromise, sequence } from '../maybe'
import { runtimeError } from '../run/errors'
import type { Context } from '../scope/context'
import { checkNesting } from '../values/bounds'
import { compareLoose, isPlainObject, looseEquals } from '../values/compare'
import { ConversionError } from '../values/convert'
import { convertWithin } from '../values/convertWithin'
import { MISSING } from '../values/missing'
import { toNumberLoose } from '../values/numbers'
import { isOwned, own, resize } from '../values/owned'
import { toText } from '../values/render'
import { uniqueItems } from '../values/unique'

/** `<q:set>`: assign with optional type conversion and validation, or update in place. */
export const set: ExecutionHandler<SetNode> = (node, ctx) => {
  const source = node.value ?? node.default
  const given = source === undefined ? undefined : bindValue(source, ctx)
  // The common case (no step, index or key expression): no closures, no sequencing.
  if (
    typeof node.step !== 'object' &&
    node.index === undefined &&
    node.key === undefined &&
    !isPromise(given)
  ) {
    apply(node, ctx, { value: given, step: node.step ?? 1, index: undefined, key: undefined })
    return undefined
  }
  const inputs = sequence<unknown>([
    () => given,
    () =>
      node.step === undefined ? 1 : typeof node.step === 'number' ? node.step : bindValue(node.step, ctx),
    () => (node.index === undefined ? undefined : bindValue(node.index, ctx)),
    () => (node.key === undefined ? undefined : bindValue(node.key, ctx)),
  ])
  return andThen(inputs, ([value, step, index, key]) => {
    apply(node, ctx, { value, step, index, key })
    return undefined
  })
}

type Fail = (message: string, code?: ErrorCode) => Error

interface Inputs {
  value: unknown
  step: unknown
  index: unknown
  key: unknown
}

function apply(node: SetNode, ctx: Context, inputs: Inputs) {
  const fail: Fail = (message, code = ErrorCodes.RUNTIME_TYPE_ERROR) =>
    runtimeError(code, message, ctx.run.at(node))
  const convert = (value: unknown) => {
    if (!node.datatype || value === null || value === undefined) return value
    try {
      return convertWithin(value, node.datatype, ctx.run.bounds)
    } catch (error) {
      if (error instanceof ConversionError) throw fail(`Set '${node.name}': ${error.message}`)
      throw error
    }
  }
  if (node.operation === 'assign') {
    const value = convert(inputs.value ?? null)
    validate(node, value, fail, ctx)
    ctx.assign(node.name, value, node.scope)
    return
  }
  if (updateInPlace(node, ctx, inputs)) return
  const current = lookupPath(ctx, node.operation === 'clone' && node.source ? node.source : node.name)
  const result = operate(node, current, inputs, fail, ctx)
  ctx.update(node.name, convert(result), node.scope)
  // A collection just built for a local variable: the next update may change it in place.
  if (BUILDS.has(node.operation) && ctx.holder(node.name)?.[node.name] === result) own(result as object)
}

/** Operations whose result is a collection no one else holds. */
const BUILDS: ReadonlySet<SetNode['operation']> = new Set([
  'append',
  'prepend',
  'remove',
  'removeAt',
  'sort',
  'reverse',
  'unique',
  'merge',
  'setProperty',
  'deleteProperty',
  'clone',
])

/**
 * `append`, `prepend`, `setProperty` and `deleteProperty` on a collection that only its variable holds
 * (see `values/owned.ts`): changed where it is, so building a list or a map in a loop stays linear.
 * False when the update must build a new collection instead.
 */
function updateInPlace(node: SetNode, ctx: Context, inputs: Inputs): boolean {
  if (node.scope || node.datatype || node.name.includes('.')) return false
  const current = ctx.holder(node.name)?.[node.name]
  if (!isOwned(current)) return false
  const { value } = inputs
  switch (node.operation) {
    case 'append':
    case 'prepend':
      if (!Array.isArray(current) || value === undefined) return false
      ctx.run.checkLength(current.length + 1, ctx.run.at(node))
      if (node.operation === 'append') current.push(value)
      else current.unshift(value)
      return true
    case 'setProperty':
    case 'deleteProperty': {
      if (!isPlainObject(current)) return false
      const key = toText(inputs.key, ctx.run.bounds)
      const had = Object.hasOwn(current, key)
      if (node.operation === 'deleteProperty') {
        if (had) resize(current, -1)
        delete current[key]
        return true
      }
      if (!had) ctx.run.checkLength(resize(current, 1), ctx.run.at(node))
      // Defined, not assigned: a key such as `__proto__` stays a plain property.
      Object.defineProperty(current, key, {
        value: value ?? null,
        writable: true,
        enumerable: true,
        configurable: true,
      })
      return true
    }
    default:
      return false
  }
}

function operate(node: SetNode, current: unknown, inputs: Inputs, fail: Fail, ctx: Context): unknown {
  const { value } = inputs
  const grow = (length: number) => ctx.run.checkLength(length, ctx.run.at(node))
  const bounds = ctx.run.bounds
  const number = (what: unknown, verb: string) => {
    const n = what === null || what === undefined || what === MISSING ? 0 : toNumberLoose(what)
    if (n === undefined || typeof what === 'boolean')
      throw fail(`Cannot ${verb} non-numeric value: ${toText(what, bounds)}`)
    return n
  }
  const list = (): unknown[] => {
    if (current === MISSING || current === null || current === undefined) return []
    if (!Array.isArray(current))
      throw fail(`Set '${node.name}': ${node.operation} needs an array, not ${describe(current)}`)
    ctx.run.charge(current.length)
    return current
  }
  const object = (): Record<string, unknown> => {
    if (current === MISSING || current === null || current === undefined) return {}
    if (!isPlainObject(current)) throw fail(`Set '${node.name}': ${node.operation} needs an object`)
    ctx.run.charge(Object.keys(current).length)
    return current
  }
  const text = () =>
    value !== undefined ? toText(value, bounds) : current === MISSING ? '' : toText(current, bounds)
  switch (node.operation) {
    case 'increment':
    case 'decrement': {
      const base = value !== undefined ? number(value, node.operation) : number(current, node.operation)
      const step = number(inputs.step, node.operation)
      return node.operation === 'increment' ? base + step : base - step
    }
    case 'add':
      return number(current, 'add to') + number(value, 'add')
    case 'multiply':
      return number(current, 'multiply') * number(value, 'multiply by')
    case 'append':
    case 'prepend': {
      const items = list()
      if (value === undefined) return [...items]
      grow(items.length + 1)
      return node.operation === 'append' ? [...items, value] : [value, ...items]
    }
    case 'remove': {
      const items = [...list()]
      const at = items.findIndex((item) => looseEquals(item, value, bounds))
      if (at !== -1) items.splice(at, 1)
      return items
    }
    case 'removeAt': {
      const items = [...list()]
      const at = toNumberLoose(inputs.index)
      if (at === undefined || !Number.isInteger(at) || at < 0 || at >= items.length) {
        throw fail(
          `Set '${node.name}': index ${describe(inputs.index)} is out of range (length ${items.length})`,
        )
      }
      items.splice(at, 1)
      return items
    }
    case 'clear':
      return Array.isArray(current) ? [] : isPlainObject(current) ? {} : ''
    case 'sort':
      return [...list()].sort((a, b) => {
        ctx.run.charge(1)
        return compareLoose(a, b) ?? 0
      })
    case 'reverse':
      return [...list()].reverse()
    case 'unique':
      return uniqueItems(list(), bounds)
    case 'merge': {
      const extra = typeof value === 'string' ? parseObject(value, fail, node.name) : value
      if (!isPlainObject(extra)) throw fail(`Set '${node.name}': merge needs an object value`)
      const base = object()
      grow(Object.keys(base).length + Object.keys(extra).length)
      return { ...base, ...extra }
    }
    case 'setProperty': {
      const base = object()
      grow(Object.keys(base).length + 1)
      return { ...base, [toText(inputs.key, bounds)]: value ?? null }
    }
    case 'deleteProperty': {
      const copy = { ...object() }
      delete copy[toText(inputs.key, bounds)]
      return copy
    }
    case 'clone': {
      const source = current === MISSING ? null : current
      checkNesting(source, bounds, 'clone')
      return structuredClone(source)
    }
    case 'uppercase':
      return text().toUpperCase()
    case 'lowercase':
      return text().toLowerCase()
    case 'trim':
      return text().trim()
    case 'format':
      return text()
    case 'assign':
      return value
  }
}

function lookupPath(ctx: Context, name: string): unknown {
  const [head, ...rest] = name.split('.')
  let value = ctx.peek(head as string)
  for (const key of rest) {
    value = isPlainObject(value) && Object.hasOwn(value, key) ? value[key] : MISSING
  }
  return value
}

function parseObject(text: string, fail: Fail, name: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    throw fail(`Set '${name}': merge value is not JSON: ${text}`)
  }
}

/** Compiled patterns, per validation: compiled once however often the `q:set` runs. */
const PATTERNS = new WeakMap<SetValidation, RE2JS>()

/**
 * The pattern of `rules`, compiled for RE2 (`re2js`), whose matching time is linear in the text: a
 * pattern that would backtrack for minutes in JavaScript (`^(a+)+$`) cannot freeze the process. The
 * parser rejects what RE2 cannot run; a node built some other way fails here.
 */
function patternOf(rules: SetValidation, pattern: string, fail: Fail): RE2JS {
  let compiled = PATTERNS.get(rules)
  if (!compiled) {
    try {
      compiled = RE2JS.compile(pattern)
    } catch (error) {
      throw fail(
        `Set pattern ${pattern} cannot be used: ${(error as Error).message}`,
        ErrorCodes.RUNTIME_ERROR,
      )
    }
    PATTERNS.set(rules, compiled)
  }
  return compiled
}

function validate(node: SetNode, value: unknown, fail: Fail, ctx: Context) {
  const rules: SetValidation | undefined = node.validation
  if (!rules) return
  const error = (message: string) => fail(`Variable '${node.name}' ${message}`, ErrorCodes.RUNTIME_PARAM)
  const empty = value === null || value === undefined || value === ''
  if (rules.required && empty) throw error('is required')
  if (rules.nullable === false && (value === null || value === undefined)) throw error('cannot be null')
  if (empty) return
  if (rules.pattern !== undefined) {
    const text = toText(value, ctx.run.bounds)
    ctx.run.charge(text.length)
    if (!patternOf(rules, rules.pattern, fail).test(text))
      throw error(`does not match pattern ${rules.pattern}`)
  }
  if (rules.enum && !rules.enum.includes(toText(value, ctx.run.bounds)))
    throw error(`must be one of: ${rules.enum.join(', ')}`)
  const n = toNumberLoose(value)
  const min = rules.range?.min ?? rules.min
  const max = rules.range?.max ?? rules.max
  if ((min !== undefined || max !== undefined) && n === undefined) throw error('must be a number')
  if (min !== undefined && (n as number) < min) throw error(`must be at least ${min}`)
  if (max !== undefined && (n as number) > max) throw error(`must be at most ${max}`)
  const length = typeof value === 'string' || Array.isArray(value) ? value.length : undefined
  if (rules.minLength !== undefined && length !== undefined && length < rules.minLength) {
    throw error(`must be at least ${rules.minLength} long`)
  }
  if (rules.maxLength !== undefined && length !== undefined && length > rules.maxLength) {
    throw error(`must be at most ${rules.maxLength} long`)
  }
}
