import type { Bindable, Expression } from '../expression'
import type { DataType, NodeBase } from './base'

/** `<q:data name source [type]>` with an optional `q:transform`. */
export interface DataNode extends NodeBase {
  type: 'data'
  name: string
  source: Bindable
  dataType: 'json' | 'csv' | 'transform' | 'array'
  transform?: TransformNode
}

export interface TransformNode extends NodeBase {
  type: 'transform'
  steps: TransformStep[]
}

export type TransformStep = FilterNode | SortNode | LimitNode | ComputeNode

/** `<q:filter condition>`: keeps records for which the condition, evaluated with the record's fields, is true. */
export interface FilterNode extends NodeBase {
  type: 'filter'
  condition: Expression
}

/** `<q:sort by [order]>`. */
export interface SortNode extends NodeBase {
  type: 'sort'
  by: string
  order: 'asc' | 'desc'
}

/** `<q:limit value>`. */
export interface LimitNode extends NodeBase {
  type: 'limit'
  value: number
}

/** `<q:compute field expression [type]>` adds a field to each record. */
export interface ComputeNode extends NodeBase {
  type: 'compute'
  field: string
  expression: Expression
  datatype?: DataType
}
