import type { RedirectNode } from '@quantum/ast'
import { defineTag } from '../syntax/handler'

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
