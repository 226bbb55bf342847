import type { BreakNode, ContinueNode, FunctionNode, IfNode, ReturnNode } from '@quantum/ast'
import { all, BREAK, CONTINUE, type ExecutionHandler, type Flow } from '../execute'
import { evaluate } from '../expression/evaluate'
import { bindValue } from '../expression/template'
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

/** `<q:break/>`. */
export const breakHandler: ExecutionHandler<BreakNode> = () => BREAK

/** `<q:continue/>`. */
export const continueHandler: ExecutionHandler<ContinueNode> = () => CONTINUE

/** `<q:return value>`: ends the function, body or component with the (typed) value. */
export const returnHandler: ExecutionHandler<ReturnNode> = (node, ctx) => {
  if (node.value === undefined) return { kind: 'return', value: null }
  return andThen(bindValue(node.value, ctx), (value) => ({ kind: 'return', value }))
}

/** `<q:function>` met in a body: defines the function for the rest of the run. */
export const functionHandler: ExecutionHandler<FunctionNode> = (node, ctx) => {
  ctx.run.functions.set(node.name, node)
  return undefined
}
