import type { Bindable, Dynamic } from '../expression'
import type { DataType, NodeBase } from './base'

/** Variable scopes a `q:set` may write to. */
export type ScopeName = 'local' | 'function' | 'component' | 'session' | 'application' | 'request'

/** `q:set` operations. */
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
