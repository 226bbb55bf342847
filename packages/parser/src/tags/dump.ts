import type { DumpNode } from '@quantum/ast'
import { defineTag } from '../syntax/handler'

/** `<q:dump var [label] [format] [depth] [when]>`: show a value in the output. */
export const dumpTag = defineTag<DumpNode>({
  tag: 'dump',
  placement: 'statement',
  attributes: ['var', 'label', 'format', 'depth', 'when'],
  parse(element, ctx) {
    const a = ctx.attributes(element, this.attributes)
    const value = a.bindable('var', { required: true })
    ctx.expectEmpty(element.children, '<q:dump> takes no body')
    if (value === undefined) return undefined
    const node: DumpNode = { type: 'dump', var: value, position: element.position }
    const label = a.string('label')
    if (label !== undefined) node.label = label
    if (a.has('format'))
      node.format = a.enumeration('format', ['text', 'json', 'html'] as const, 'text', {
        label: 'dump format',
      })
    const depth = a.integer('depth', { min: 1 })
    if (depth !== undefined) node.depth = depth
    const when = a.bindable('when')
    if (when !== undefined) node.when = when
    return node
  },
})
