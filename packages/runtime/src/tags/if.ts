import type { IfNode } from '@quantum/ast'
import { all, type ExecutionHandler, type Flow } from '../execute'
import { evaluate } from '../expression/evaluate'
import { andThen, isPromise, type MaybePromise } from '../maybe'
import type { Context } from '../scope/context'
import { truthy } from '../values/truthy'

/** `<q:if>`: the first branch whose condition holds runs, in the enclosing scope. */
export const ifHandler: ExecutionHandler<IfNode> = (node, ctx) => {
  const test = evaluate(node.condition, ctx)
  if (!isPromise(test)) return truthy(test) ? all(node.body, ctx) : alternatives(node, ctx, 0)
  return test.then(
    (value): MaybePromise<Flow> => (truthy(value) ? all(node.body, ctx) : alternatives(node, ctx, 0)),
  )
}

function alternatives(node: IfNode, ctx: Context, from: number): MaybePromise<Flow> {
  const branch = node.elseifs[from]
  if (!branch) return node.else ? all(node.else.body, ctx) : undefined
  return andThen(evaluate(branch.condition, ctx), (value) =>
    truthy(value) ? all(branch.body, ctx) : alternatives(node, ctx, from + 1),
  )
}
