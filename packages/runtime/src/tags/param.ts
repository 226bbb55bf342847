import type { ParamNode } from '@quantum/ast'
import type { ExecutionHandler } from '../execute'
import { bindValue } from '../expression/template'
import { andThen } from '../maybe'
import { addBatchParam } from './job'

/** A `q:param` statement inside a batch body: one value of the job this iteration adds. */
export const batchParam: ExecutionHandler<ParamNode> = (node, ctx) =>
  andThen(node.value === undefined ? null : bindValue(node.value, ctx), (value) => {
    addBatchParam(ctx, node.name, value)
    return undefined
  })
