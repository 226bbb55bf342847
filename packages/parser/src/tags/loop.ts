import { ErrorCodes, type LoopNode, type LoopType } from '@quantum/ast'
import { defineTag } from '../syntax/handler'

const TYPES: readonly LoopType[] = ['range', 'array', 'list', 'query', 'object']

/** `<q:loop>` over a range, an array, a delimited list, query rows or an object's keys. */
export const loopTag = defineTag<LoopNode>({
  tag: 'loop',
  placement: 'statement',
  attributes: ['type', 'var', 'item', 'index', 'from', 'to', 'step', 'items', 'delimiter', 'query'],
  parse(element, ctx) {
    const a = ctx.attributes(element, this.attributes)
    const inferred: LoopType = a.has('query') ? 'query' : a.has('items') ? 'array' : 'range'
    const loopType = a.enumeration('type', TYPES, inferred, { label: 'loop type' })
    const node: LoopNode = { type: 'loop', loopType, body: [], position: element.position }
    const variable = a.variable(a.pick('var', 'item'))
    if (variable !== undefined) node.var = variable
    const index = a.variable('index')
    if (index !== undefined) node.index = index
    const needs = (attribute: string) => {
      if (!a.has(attribute)) a.missing(attribute)
    }
    if (!a.valid('type')) {
      // an unknown loop type was reported; which attributes it needs is unknowable
    } else if (loopType === 'query' && a.has('query')) {
      node.query = a.string('query') as string
    } else {
      if (!a.has(a.pick('var', 'item'))) a.missing('var')
      if (loopType === 'range') {
        needs('from')
        needs('to')
      } else {
        needs('items')
      }
    }
    for (const key of ['from', 'to', 'step', 'items'] as const) {
      const value = a.bindable(key)
      if (value !== undefined) node[key] = value
    }
    const delimiter = a.string('delimiter')
    if (delimiter !== undefined) {
      if (loopType !== 'list')
        ctx.report(
          ErrorCodes.PARSE_INVALID_STRUCTURE,
          'delimiter applies to type="list" loops only',
          element.position,
        )
      node.delimiter = delimiter
    }
    node.body = ctx.within({ loop: true }, () => ctx.statements(element.children))
    return node
  },
})
