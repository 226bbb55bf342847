import type { ArgNode, HeaderNode } from '@quantum/ast'
import { defineTag } from './handler'

/** A `name` + databound `value` child of `q:invoke`: `q:header` and `q:arg` are the same shape. */
export function pairTag<TNode extends HeaderNode | ArgNode>(tag: TNode['type']) {
  return defineTag<TNode>({
    tag,
    placement: { parents: ['invoke'] },
    attributes: ['name', 'value'],
    parse(element, ctx) {
      const a = ctx.attributes(element, this.attributes)
      const name = a.string('name', { required: true })
      const value = a.bindable('value', { required: true })
      ctx.expectEmpty(element.children, `<q:${tag}> takes no body; use value="…"`)
      if (name === undefined || value === undefined) return undefined
      return { type: tag, name, value, position: element.position } as TNode
    },
  })
}
