import { type BinaryExpression, type CallExpression, ErrorCodes, type Expression } from '@quantum/ast'
import { andThen, isPromise, type MaybePromise, sequence } from '../maybe'
import { runtimeError } from '../run/errors'
import type { Context } from '../scope/context'
import { compareLoose, looseEquals } from '../values/compare'
import { MISSING, type Missing } from '../values/missing'
import { toNumberLoose } from '../values/numbers'
import { toText } from '../values/render'
import { truthy } from '../values/truthy'
import { BUILTINS } from './builtins'
import { callFunctionByName } from './calls'
import { inRange } from './inRange'
import { getIndex, getMember } from './members'
import { callMethod } from './methods'

/** The value of an expression; names and members that do not exist read as null. */
export function evaluate(expression: Expression, ctx: Context): MaybePromise<unknown> {
  const value = resolve(expression, ctx)
  return isPromise(value) ? value.then(present) : present(value)
}

const present = (value: unknown) => (value === MISSING ? null : value)

/**
 * The value of an expression, keeping MISSING for a name or member that does not exist, so that
 * an interpolation of an unknown name can keep its `{text}` (upstream behaviour).
 */
export function resolve(expression: Expression, ctx: Context): MaybePromise<unknown | Missing> {
  switch (expression.type) {
    case 'literal':
      return expression.value
    case 'identifier':
      return ctx.lookup(expression.name)
    case 'member':
      return andThen(inspect(expression.object, ctx), (object) => getMember(object, expression.property))
    case 'index':
      return andThen(inspect(expression.object, ctx), (object) =>
        andThen(evaluate(expression.index, ctx), (index) => getIndex(object, index)),
      )
    case 'call':
      return call(expression, ctx)
    case 'unary':
      return andThen(resolve(expression.argument, ctx), (value) => {
        if (expression.operator === '!') return !truthy(present(value))
        const number = toNumberLoose(value)
        if (number === undefined) {
          undefinedOperand(expression.operator, [expression.argument], [value], ctx)
          throw typeError(`cannot apply "${expression.operator}" to ${describe(value)}`, expression, ctx)
        }
        return expression.operator === '-' ? -number : number
      })
    case 'binary': {
      const { operator } = expression
      const membership = operator === 'in' || operator === 'not in'
      return andThen(resolve(expression.left, ctx), (left) =>
        andThen(membership ? inspect(expression.right, ctx) : resolve(expression.right, ctx), (right) => {
          // Equality and an `in` item take a missing name as null; every other operand fails on it.
          if (membership) undefinedOperand(operator, [expression.right], [right], ctx)
          else if (operator !== '==' && operator !== '!=')
            undefinedOperand(operator, [expression.left, expression.right], [left, right], ctx)
          return binary(expression, present(left), present(right), ctx)
        }),
      )
    }
    case 'logical':
      return andThen(evaluate(expression.left, ctx), (left) => {
        if (expression.operator === 'and') return truthy(left) ? evaluate(expression.right, ctx) : left
        return truthy(left) ? left : evaluate(expression.right, ctx)
      })
    case 'conditional':
      return andThen(evaluate(expression.test, ctx), (test) =>
        evaluate(truthy(test) ? expression.consequent : expression.alternate, ctx),
      )
    case 'array':
      return sequence(expression.elements.map((element) => () => evaluate(element, ctx)))
    case 'object':
      return andThen(
        sequence(expression.properties.map((property) => () => evaluate(property.value, ctx))),
        (values) => {
          const object: Record<string, unknown> = {}
          expression.properties.forEach((property, i) => {
            object[property.key] = values[i]
          })
          return object
        },
      )
  }
}

function call(expression: CallExpression, ctx: Context): MaybePromise<unknown> {
  return andThen(sequence(expression.arguments.map((argument) => () => evaluate(argument, ctx))), (args) => {
    const callee = expression.callee
    if (callee.type === 'member') {
      return andThen(inspect(callee.object, ctx), (object) =>
        callMethod(present(object), callee.property, args, expression, ctx),
      )
    }
    const name = callee.name
    if (ctx.run.functions.has(name)) return callFunctionByName(name, { positional: args }, ctx, expression)
    const builtin = BUILTINS[name]
    if (builtin)
      return andThen(builtin(args, ctx, expression), (value) => inRange(value, `${name}()`, ctx, expression))
    throw runtimeError(
      ErrorCodes.RUNTIME_NOT_FOUND,
      `Function '${name}' is not defined`,
      ctx.run.at(expression),
    )
  })
}

function binary(expression: BinaryExpression, left: unknown, right: unknown, ctx: Context): unknown {
  switch (expression.operator) {
    case '==':
      return looseEquals(left, right, ctx.run.bounds)
    case '!=':
      return !looseEquals(left, right, ctx.run.bounds)
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const order = compareLoose(left, right)
      if (order === undefined) {
        throw typeError(`cannot compare ${describe(left)} with ${describe(right)}`, expression, ctx)
      }
      return expression.operator === '<'
        ? order < 0
        : expression.operator === '<='
          ? order <= 0
          : expression.operator === '>'
            ? order > 0
            : order >= 0
    }
    case 'in':
      return contains(right, left, expression, ctx)
    case 'not in':
      return !contains(right, left, expression, ctx)
    case '+':
      return add(left, right, expression, ctx)
    default:
      return arithmetic(expression, left, right, ctx)
  }
}

/** `+`: numbers add (numeric strings join in when the other side is a number), strings and arrays concatenate. */
function add(left: unknown, right: unknown, expression: BinaryExpression, ctx: Context): unknown {
  if (typeof left === 'number' || typeof right === 'number') {
    const a = toNumberLoose(left)
    const b = toNumberLoose(right)
    if (a !== undefined && b !== undefined && typeof left !== 'boolean' && typeof right !== 'boolean')
      return inRange(a + b, '"+"', ctx, expression)
  }
  if (typeof left === 'string' || typeof right === 'string') {
    if (left === null || right === null)
      throw typeError(`cannot add ${describe(left)} and ${describe(right)}`, expression, ctx)
    const a = toText(left, ctx.run.bounds)
    const b = toText(right, ctx.run.bounds)
    ctx.run.checkLength(a.length + b.length, ctx.run.at(expression))
    return a + b
  }
  if (Array.isArray(left) && Array.isArray(right)) {
    ctx.run.checkLength(left.length + right.length, ctx.run.at(expression))
    ctx.run.charge(left.length + right.length)
    return [...left, ...right]
  }
  throw typeError(`cannot add ${describe(left)} and ${describe(right)}`, expression, ctx)
}

function arithmetic(expression: BinaryExpression, left: unknown, right: unknown, ctx: Context): number {
  const a = typeof left === 'boolean' ? undefined : toNumberLoose(left)
  const b = typeof right === 'boolean' ? undefined : toNumberLoose(right)
  if (a === undefined || b === undefined) {
    throw typeError(
      `cannot apply "${expression.operator}" to ${describe(left)} and ${describe(right)}`,
      expression,
      ctx,
    )
  }
  return inRange(
    operate(expression.operator, a, b, ctx, expression),
    `"${expression.operator}"`,
    ctx,
    expression,
  )
}

function operate(operator: string, a: number, b: number, ctx: Context, expression: BinaryExpression): number {
  switch (operator) {
    case '-':
      return a - b
    case '*':
      return a * b
    default: {
      if (b === 0)
        throw runtimeError(ErrorCodes.RUNTIME_TYPE_ERROR, 'division by zero', ctx.run.at(expression))
      if (operator === '/') return a / b
      if (operator === '//') return Math.floor(a / b)
      return ((a % b) + b) % b
    }
  }
}

function contains(container: unknown, item: unknown, expression: BinaryExpression, ctx: Context): boolean {
  const bounds = ctx.run.bounds
  if (typeof container === 'string') return container.includes(toText(item, bounds))
  if (Array.isArray(container)) {
    ctx.run.charge(container.length)
    return container.some((element) => looseEquals(element, item, bounds))
  }
  if (container !== null && typeof container === 'object')
    return Object.hasOwn(container, toText(item, bounds))
  throw typeError(
    `"in" needs a string, array or object on its right, not ${describe(container)}`,
    expression,
    ctx,
  )
}

/**
 * The value of an expression whose reader keeps no reference to it: the object of a member, an
 * index or a method, the container of `in`. A variable read this way stays owned by its variable.
 */
function inspect(expression: Expression, ctx: Context): MaybePromise<unknown | Missing> {
  return expression.type === 'identifier' ? ctx.peek(expression.name) : resolve(expression, ctx)
}

/**
 * Fail naming the variable when an operand of `operator` is a name or member that does not exist:
 * `y is not defined` says more than `cannot apply "*" to number 10 and null`. Each operand checked
 * fails on null anyway, so this only replaces an error that would come.
 */
function undefinedOperand(operator: string, operands: Expression[], values: unknown[], ctx: Context) {
  const at = values.indexOf(MISSING)
  if (at === -1) return
  const operand = operands[at] as Expression
  const name = nameOf(operand)
  if (name === undefined) return
  throw runtimeError(
    ErrorCodes.RUNTIME_NOT_FOUND,
    `cannot apply "${operator}": ${name} is not defined`,
    ctx.run.at(operand),
  )
}

/** `order.total`, `items[…]`: how a name or member reads in a message. */
function nameOf(expression: Expression): string | undefined {
  if (expression.type === 'identifier') return expression.name
  if (expression.type === 'member') {
    const object = nameOf(expression.object)
    return object === undefined ? undefined : `${object}.${expression.property}`
  }
  if (expression.type === 'index') {
    const object = nameOf(expression.object)
    return object === undefined ? undefined : `${object}[…]`
  }
  return undefined
}

function typeError(message: string, expression: Expression, ctx: Context) {
  return runtimeError(ErrorCodes.RUNTIME_TYPE_ERROR, message, ctx.run.at(expression))
}

/** `null`, `number 3`, `string "abc"`… for messages. */
export function describe(value: unknown): string {
  if (value === null || value === undefined) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (value instanceof Date) return 'a date'
  if (typeof value === 'object') return 'an object'
  if (typeof value === 'string') return `string "${value.length > 30 ? `${value.slice(0, 30)}…` : value}"`
  return `${typeof value} ${String(value)}`
}
