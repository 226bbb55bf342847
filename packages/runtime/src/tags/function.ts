import type { FunctionNode } from '@quantum/ast'
import type { ExecutionHandler } from '../execute'

/** `<q:function>` met in a body: defines the function for the rest of the run. */
export const functionHandler: ExecutionHandler<FunctionNode> = (node, ctx) => {
  ctx.run.functions.set(node.name, node)
  return undefined
}
