import type { FunctionNode } from '@quantum/ast'
import { defineTag } from '../syntax/handler'
import { declaredParams } from './param'

/** `<q:function name>`: `q:param`s, then the body. Called as `{name(a, b)}` or by `q:invoke function=`. */
export const functionTag = defineTag<FunctionNode>({
  tag: 'function',
  placement: 'statement',
  attributes: ['name', 'returnType', 'scope', 'access', 'description'],
  parse(element, ctx) {
    const a = ctx.attributes(element, this.attributes)
    const name = a.variable('name', { required: true, dotted: false })
    const { taken, rest } = ctx.split(element, ['param'])
    const params = declaredParams(taken.get('param'), ctx)
    const body = ctx.within({ loop: false, batch: false }, () => ctx.statements(rest))
    if (name === undefined) return undefined
    const node: FunctionNode = { type: 'function', name, params, body, position: element.position }
    const returnType = a.string('returnType')
    if (returnType !== undefined) node.returnType = returnType
    return node
  },
})
