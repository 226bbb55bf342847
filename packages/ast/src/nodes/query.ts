import type { Dynamic } from '../expression'
import type { NodeBase } from './base'
import type { ParamNode } from './param'

/** `<q:query [name] datasource>` SQL text with `:name` placeholders bound from `q:param`s or variables. */
export interface QueryNode extends NodeBase {
  type: 'query'
  name?: string
  datasource: string
  sql: string
  params: ParamNode[]
  result?: string
  timeout?: Dynamic<number>
  maxRows?: number
}
