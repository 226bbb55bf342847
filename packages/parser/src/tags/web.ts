import type { ActionNode, ParamNode, RedirectNode } from '@quantum/ast'
import { defineTag } from '../syntax/handler'
import { HTTP_METHODS, upper } from './invoke'

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
    const params = ctx.nodes<ParamNode>(taken.get('param'))
    const body = ctx.statements(rest)
    return name === undefined
      ? undefined
      : { type: 'action', name, method, params, body, position: element.position }
  },
})

/** `<q:redirect url|to [status] [flash]>`. */
export const redirectTag = defineTag<RedirectNode>({
  tag: 'redirect',
  placement: 'statement',
  attributes: ['url', 'to', 'status', 'flash'],
  parse(element, ctx) {
    const a = ctx.attributes(element, this.attributes)
    const url = a.bindable(a.pick('url', 'to'), { required: true })
    const status =
      a.integer('status', { min: 300, max: 399, message: 'Redirect status must be a 3xx code' }) ?? 302
    ctx.expectEmpty(element.children, '<q:redirect> takes no body')
    if (url === undefined) return undefined
    const node: RedirectNode = { type: 'redirect', url, status, position: element.position }
    const flash = a.bindable('flash')
    if (flash !== undefined) node.flash = flash
    return node
  },
})
