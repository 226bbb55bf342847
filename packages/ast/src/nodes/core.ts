import type { Bindable, Dynamic, Expression } from '../expression'
import type { NodeBase } from './base'
import type { Statement } from './index'

/** Variable scopes a `q:set` may write to (UPSTREAM.md §2.3). */
export type ScopeName = 'local' | 'function' | 'component' | 'session' | 'application' | 'request'

/** Value types used by `q:set`, `q:param` and `q:compute` conversions. */
export type DataType =
  | 'string'
  | 'integer'
  | 'number'
  | 'decimal'
  | 'boolean'
  | 'datetime'
  | 'date'
  | 'time'
  | 'array'
  | 'object'
  | 'json'
  | 'struct'
  | 'any'

/** `q:set` operations (UPSTREAM.md §2.4). */
export type SetOperation =
  | 'assign'
  | 'increment'
  | 'decrement'
  | 'add'
  | 'multiply'
  | 'append'
  | 'prepend'
  | 'remove'
  | 'removeAt'
  | 'clear'
  | 'sort'
  | 'reverse'
  | 'unique'
  | 'merge'
  | 'setProperty'
  | 'deleteProperty'
  | 'clone'
  | 'uppercase'
  | 'lowercase'
  | 'trim'
  | 'format'

/** Declarative checks on `q:set` values. */
export interface SetValidation {
  required?: boolean
  nullable?: boolean
  pattern?: string
  range?: { min?: number; max?: number }
  enum?: string[]
  min?: number
  max?: number
  minLength?: number
  maxLength?: number
}

/** `<q:set name value|default [type] [scope] [operation] …>` */
export interface SetNode extends NodeBase {
  type: 'set'
  name: string
  value?: Bindable
  default?: Bindable
  datatype?: DataType
  scope?: ScopeName
  operation: SetOperation
  step?: Dynamic<number>
  index?: Bindable
  key?: Bindable
  source?: string
  validation?: SetValidation
}

/** `<q:if condition>` with `q:elseif`/`q:else` as children or as the siblings that follow it. */
export interface IfNode extends NodeBase {
  type: 'if'
  condition: Expression
  body: Statement[]
  elseifs: ElseIfNode[]
  else?: ElseNode
}

export interface ElseIfNode extends NodeBase {
  type: 'elseif'
  condition: Expression
  body: Statement[]
}

export interface ElseNode extends NodeBase {
  type: 'else'
  body: Statement[]
}

export type LoopType = 'range' | 'array' | 'list' | 'query' | 'object'

/** `<q:loop type=range|array|list|query|object …>`; `query="name"` is the query shorthand. */
export interface LoopNode extends NodeBase {
  type: 'loop'
  loopType: LoopType
  var?: string
  index?: string
  from?: Bindable
  to?: Bindable
  step?: Bindable
  items?: Bindable
  delimiter?: string
  query?: string
  body: Statement[]
}

export interface BreakNode extends NodeBase {
  type: 'break'
}

export interface ContinueNode extends NodeBase {
  type: 'continue'
}

/** `<q:param>` in a component, function, job, query or invoke. Which fields apply depends on the parent. */
export interface ParamNode extends NodeBase {
  type: 'param'
  name: string
  datatype?: DataType
  required?: boolean
  default?: Bindable
  value?: Bindable
  nullable?: boolean
  maxLength?: number
  scale?: number
}

/** `<q:arg name value>`: a named argument of `q:invoke function=`. */
export interface ArgNode extends NodeBase {
  type: 'arg'
  name: string
  value: Bindable
}

/** `<q:function name>` with `q:param`s and a body. */
export interface FunctionNode extends NodeBase {
  type: 'function'
  name: string
  params: ParamNode[]
  body: Statement[]
  returnType?: string
}

/** `<q:return value>` ends the current function, body or component with a value. */
export interface ReturnNode extends NodeBase {
  type: 'return'
  value?: Bindable
}

/** `<q:throw message [type] [detail]>` raises a catchable error. */
export interface ThrowNode extends NodeBase {
  type: 'throw'
  message: Bindable
  errorType?: Bindable
  detail?: Bindable
}

/** `<q:try>` body, then `q:catch`es and an optional `q:finally`. */
export interface TryNode extends NodeBase {
  type: 'try'
  body: Statement[]
  catches: CatchNode[]
  finally?: FinallyNode
}

/** `<q:catch [type] [var="error"]>`: runs when the error's type matches (or always, without `type`). */
export interface CatchNode extends NodeBase {
  type: 'catch'
  errorType?: string
  var: string
  body: Statement[]
}

export interface FinallyNode extends NodeBase {
  type: 'finally'
  body: Statement[]
}

/** `<q:sleep duration>`; the duration is in milliseconds. Cancellable. */
export interface SleepNode extends NodeBase {
  type: 'sleep'
  duration: Dynamic<number>
}

export type LogLevel = 'trace' | 'debug' | 'info' | 'warning' | 'error' | 'critical'

/** `<q:log level message|text [context] [when] [correlationId]>`. `warn` is parsed as `warning`. */
export interface LogNode extends NodeBase {
  type: 'log'
  level: LogLevel
  message: Bindable
  context?: Bindable
  when?: Bindable
  correlationId?: Bindable
}

/** `<q:dump var [label] [format] [depth] [when]>`. */
export interface DumpNode extends NodeBase {
  type: 'dump'
  var: Bindable
  label?: string
  format?: 'text' | 'json' | 'html'
  depth?: number
  when?: Bindable
}
