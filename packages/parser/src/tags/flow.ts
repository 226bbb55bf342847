import type { BreakNode, ContinueNode, ReturnNode } from '@quantum/ast'
import type { SyntaxContext } from '../syntax/context'
import { defineTag } from '../syntax/handler'
import type { XElement } from '../xml/tree'

function loopOnly(element: XElement, ctx: SyntaxContext): boolean {
  ctx.attributes(element, [])
  ctx.expectEmpty(element.children, `<${element.name}> takes no body`)
  if (!ctx.state.loop) ctx.misplaced(element, { parents: ['loop'] })
  return ctx.state.loop
}

/** `<q:break/>`: leave the innermost loop. */
export const breakTag = defineTag<BreakNode>({
  tag: 'break',
  placement: 'statement',
  attributes: [],
  parse(element, ctx) {
    return loopOnly(element, ctx) ? { type: 'break', position: element.position } : undefined
  },
})

/** `<q:continue/>`: go on with the innermost loop's next iteration. */
export const continueTag = defineTag<ContinueNode>({
  tag: 'continue',
  placement: 'statement',
  attributes: [],
  parse(element, ctx) {
    return loopOnly(element, ctx) ? { type: 'continue', position: element.position } : undefined
  },
})

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
