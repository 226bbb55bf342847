import type { DataType, NodeBase } from './base'

/** `<q:column name [type]>` of a CSV `q:data`: the field `name` of each record, converted to `type`. */
export interface ColumnNode extends NodeBase {
  type: 'column'
  name: string
  /** The type the cell converts to; an empty cell is null for every type but `string`. */
  datatype: DataType
}
