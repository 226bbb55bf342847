import { ErrorCodes, type ThrowNode } from '@quantum/ast'
import type { ExecutionHandler } from '../execute'
import { textOf } from '../expression/template'
import { andThen, sequence } from '../maybe'
import { runtimeError } from '../run/errors'

/** `<q:throw message [type] [detail]>`: a catchable `RUNTIME_THROW` error. */
export const throwHandler: ExecutionHandler<ThrowNode> = (node, ctx) => {
  const parts = [
    () => textOf(node.message, ctx),
    () => (node.errorType ? textOf(node.errorType, ctx) : ''),
    () => (node.detail ? textOf(node.detail, ctx) : ''),
  ]
  return andThen(sequence(parts), ([message, type, detail]) => {
    throw runtimeError(ErrorCodes.RUNTIME_THROW, message as string, ctx.run.at(node), undefined, {
      type: type || 'Application',
      detail: detail ?? '',
    })
  })
}
