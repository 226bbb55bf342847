import type { FieldNode } from '@quantum/ast'
import { DATA_TYPES } from '../syntax/dataTypes'
import { defineTag } from '../syntax/handler'
import { xpathAttribute } from '../syntax/xpath'

/** `<q:field name xpath [type]>` of an XML `q:data` (type `string` by default). */
export const fieldTag = defineTag<FieldNode>({
  tag: 'field',
  placement: { parents: ['data'] },
  attributes: ['name', 'xpath', 'type'],
  parse(element, ctx) {
    const a = ctx.attributes(element, this.attributes)
    const name = a.string('name', { required: true })
    const xpath = xpathAttribute(a, 'xpath')
    const datatype = a.enumeration('type', DATA_TYPES, 'string', { label: 'field type' })
    ctx.expectEmpty(element.children, '<q:field> takes no body')
    if (name === undefined || xpath === undefined) return undefined
    return { type: 'field', name, xpath, datatype, position: element.position }
  },
})
