import type { ThrowNode } from '@quantum/ast'
import { defineTag } from '../syntax/handler'
import { elementText } from '../syntax/text'

/** `<q:throw message [type] [detail]>` (or the message as text). */
export const throwTag = defineTag<ThrowNode>({
  tag: 'throw',
  placement: 'statement',
  attributes: ['message', 'type', 'detail'],
  parse(element, ctx) {
    const a = ctx.attributes(element, this.attributes)
    const message = a.has('message') ? a.bindable('message') : elementText(element, ctx)
    if (message === undefined) {
      if (!a.has('message') && !element.children.length) a.missing('message')
      return undefined
    }
    const node: ThrowNode = { type: 'throw', message, position: element.position }
    const errorType = a.bindable('type')
    if (errorType !== undefined) node.errorType = errorType
    const detail = a.bindable('detail')
    if (detail !== undefined) node.detail = detail
    return node
  },
})
