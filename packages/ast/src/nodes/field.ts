import type { DataType, NodeBase } from './base'

/** `<q:field name xpath [type]>` of an XML `q:data`: what `xpath` selects in each record, as `type`. */
export interface FieldNode extends NodeBase {
  type: 'field'
  name: string
  /** Evaluated with the record's element as the context node (`@id`, `title/text()`). */
  xpath: string
  datatype: DataType
}
