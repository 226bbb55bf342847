import type { ReturnNode } from '@quantum/ast'
import type { ExecutionHandler } from '../execute'
import { bindValue } from '../expression/template'
import { andThen } from '../maybe'

/** `<q:return value>`: ends the function, body or component with the (typed) value. */
export const returnHandler: ExecutionHandler<ReturnNode> = (node, ctx) => {
  const site = ctx.run.at(node)
  if (node.value === undefined) return { kind: 'return', value: null, site }
  return andThen(bindValue(node.value, ctx), (value) => ({ kind: 'return', value, site }))
}
