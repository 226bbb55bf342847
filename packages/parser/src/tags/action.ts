import type { ActionNode } from '@quantum/ast'
import { defineTag } from '../syntax/handler'
import { HTTP_METHODS, upper } from '../syntax/httpMethods'
import { declaredParams } from './param'

/** `<q:action name [method]>`: a named entry point (`quantum run --action NAME`). */
export const actionTag = defineTag<ActionNode>({
  tag: 'action',
  placement: { parents: ['component'] },
  attributes: ['name', 'method'],
  parse(element, ctx) {
    const a = ctx.attributes(element, this.attributes)
    const name = a.string('name', { required: true })
    const method = a.enumeration('method', HTTP_METHODS, 'POST', {
      label: 'action method',
      aliases: upper(a.get('method')?.value),
    })
    const { taken, rest } = ctx.split(element, ['param'])
    const params = declaredParams(taken.get('param'), ctx)
    const body = ctx.statements(rest)
    return name === undefined
      ? undefined
      : { type: 'action', name, method, params, body, position: element.position }
  },
})
