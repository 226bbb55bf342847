import type { ColumnNode } from '@quantum/ast'
import { DATA_TYPES } from '../syntax/dataTypes'
import { defineTag } from '../syntax/handler'

/** `<q:column name [type]>` of a CSV `q:data` (type `string` by default). */
export const columnTag = defineTag<ColumnNode>({
  tag: 'column',
  placement: { parents: ['data'] },
  attributes: ['name', 'type'],
  parse(element, ctx) {
    const a = ctx.attributes(element, this.attributes)
    const name = a.string('name', { required: true })
    const datatype = a.enumeration('type', DATA_TYPES, 'string', { label: 'column type' })
    ctx.expectEmpty(element.children, '<q:column> takes no body')
    return name === undefined ? undefined : { type: 'column', name, datatype, position: element.position }
  },
})
