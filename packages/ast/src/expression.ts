import type { Position } from './position'

/**
 * Expressions are the closed grammar inside `{…}`. They are parsed once by
 * `@quantum/parser` and evaluated by `@quantum/runtime`; they are never JavaScript.
 */
export type Expression =
  | LiteralExpression
  | IdentifierExpression
  | MemberExpression
  | IndexExpression
  | CallExpression
  | UnaryExpression
  | BinaryExpression
  | LogicalExpression
  | ConditionalExpression
  | ArrayExpression
  | ObjectExpression

interface ExpressionBase {
  position?: Position
}

/** `42`, `1.5`, `'text'`, `"text"`, `true`, `false`, `null` (also `True False None`). */
export interface LiteralExpression extends ExpressionBase {
  type: 'literal'
  value: string | number | boolean | null
}

/** A variable name, looked up through the scope chain. */
export interface IdentifierExpression extends ExpressionBase {
  type: 'identifier'
  name: string
}

/** `object.property`; after `thread.` the property may contain `-` (`thread.data-processor`). */
export interface MemberExpression extends ExpressionBase {
  type: 'member'
  object: Expression
  property: string
}

/** `object[index]`. */
export interface IndexExpression extends ExpressionBase {
  type: 'index'
  object: Expression
  index: Expression
}

/** `name(args)` calls a built-in or a `q:function`; `value.method(args)` calls a whitelisted method. */
export interface CallExpression extends ExpressionBase {
  type: 'call'
  callee: IdentifierExpression | MemberExpression
  arguments: Expression[]
}

/** `-x`, `+x`, `!x` / `not x` (both spellings become `!`). */
export interface UnaryExpression extends ExpressionBase {
  type: 'unary'
  operator: UnaryOperator
  argument: Expression
}

export type UnaryOperator = '-' | '+' | '!'

/** Arithmetic, comparison and membership. CF-style `eq neq lt lte gt gte` are normalised to symbols. */
export interface BinaryExpression extends ExpressionBase {
  type: 'binary'
  operator: BinaryOperator
  left: Expression
  right: Expression
}

export type BinaryOperator =
  | '+'
  | '-'
  | '*'
  | '/'
  | '//'
  | '%'
  | '=='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | 'in'
  | 'not in'

/** `and` / `&&`, `or` / `||` (both spellings become the word). Short-circuits. */
export interface LogicalExpression extends ExpressionBase {
  type: 'logical'
  operator: 'and' | 'or'
  left: Expression
  right: Expression
}

/** `test ? consequent : alternate`. */
export interface ConditionalExpression extends ExpressionBase {
  type: 'conditional'
  test: Expression
  consequent: Expression
  alternate: Expression
}

/** `[a, b, c]`. */
export interface ArrayExpression extends ExpressionBase {
  type: 'array'
  elements: Expression[]
}

/** `{key: value, 'other key': value}`, only inside an expression. */
export interface ObjectExpression extends ExpressionBase {
  type: 'object'
  properties: ObjectProperty[]
}

export interface ObjectProperty {
  key: string
  value: Expression
}

/**
 * Text with databinding: literal strings and `{expr}` interpolations in source order.
 * A template whose only part is one interpolation (ignoring surrounding whitespace) keeps the
 * expression's type when evaluated; mixed text always renders to a string.
 */
export interface Template {
  type: 'template'
  parts: TemplatePart[]
  position?: Position
}

export type TemplatePart = string | Interpolation

/** One `{expr}` inside a template. `source` is the text between the braces, kept for unresolved names. */
export interface Interpolation {
  type: 'interpolation'
  expression: Expression
  source: string
  position?: Position
}

/** An attribute or text value: a plain string when it has no `{expr}`, else a template. */
export type Bindable = string | Template

/** A value that is static (already validated at parse time) or computed at run time. */
export type Dynamic<T> = T | Template
