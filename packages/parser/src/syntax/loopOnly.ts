import type { XElement } from '../xml/tree'
import type { SyntaxApi } from './api'

/** Checks a body-less tag that only makes sense inside a `q:loop` (`q:break`, `q:continue`). */
export function loopOnly(element: XElement, ctx: SyntaxApi): boolean {
  ctx.attributes(element, [])
  ctx.expectEmpty(element.children, `<${element.name}> takes no body`)
  const inLoop = ctx.state.loop === true
  if (!inLoop) ctx.misplaced(element, { parents: ['loop'] })
  return inLoop
}
