import type { ReturnNode } from '@quantum/ast'
import { defineTag } from '../syntax/handler'

/** `<q:return value>`: end the function, body or component with a value. */
export const returnTag = defineTag<ReturnNode>({
  tag: 'return',
  placement: 'statement',
  attributes: ['value'],
  parse(element, ctx) {
    const value = ctx.attributes(element, this.attributes).bindable('value')
    ctx.expectEmpty(element.children, '<q:return> takes no body; use value="…"')
    const node: ReturnNode = { type: 'return', position: element.position }
    if (value !== undefined) node.value = value
    return node
  },
})
