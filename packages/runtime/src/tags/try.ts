import { ErrorCodes, QuantumError, type TryNode } from '@quantum/ast'
import { all, type ExecutionHandler, type Flow } from '../execute'
import { andThen, isPromise, type MaybePromise } from '../maybe'
import type { Context } from '../scope/context'

/** Errors a body must never swallow: cancellation (timeout, terminate) and exhausted limits. */
export const UNCATCHABLE = new Set<string>([ErrorCodes.RUNTIME_ABORTED, ErrorCodes.RUNTIME_LIMIT_EXCEEDED])

/** `<q:try>` … `<q:catch [type] [var]>` … `<q:finally>`. */
export const tryHandler: ExecutionHandler<TryNode> = (node, ctx) => {
  const withFinally = (outcome: () => MaybePromise<Flow>): MaybePromise<Flow> => {
    if (!node.finally) return outcome()
    const cleanup = node.finally.body
    // A break/continue/return in q:finally replaces a caught error, never cancellation or a limit.
    const afterFailure = (error: unknown) =>
      andThen(all(cleanup, ctx), (late) => {
        if (late && !(QuantumError.is(error) && UNCATCHABLE.has(error.code))) return late
        throw error
      })
    let result: MaybePromise<Flow>
    try {
      result = outcome()
    } catch (error) {
      return afterFailure(error)
    }
    if (isPromise(result)) {
      return result.then((flow) => andThen(all(cleanup, ctx), (late) => late ?? flow), afterFailure)
    }
    return andThen(all(cleanup, ctx), (late) => late ?? result)
  }
  return withFinally(() => {
    try {
      const flow = all(node.body, ctx)
      return isPromise(flow) ? flow.catch((error: unknown) => handle(node, error, ctx)) : flow
    } catch (error) {
      return handle(node, error, ctx)
    }
  })
}

function handle(node: TryNode, error: unknown, ctx: Context): MaybePromise<Flow> {
  if (!QuantumError.is(error) || UNCATCHABLE.has(error.code)) throw error
  const type = typeOf(error)
  const match = node.catches.find(
    (candidate) =>
      candidate.errorType === undefined ||
      candidate.errorType.toLowerCase() === type.toLowerCase() ||
      candidate.errorType.toUpperCase() === error.code,
  )
  if (!match) throw error
  ctx.assign(match.var, errorValue(error))
  return all(match.body, ctx)
}

function typeOf(error: QuantumError): string {
  const type = error.details?.type
  return typeof type === 'string' && type !== '' ? type : error.code
}

/** What `{error.message}`, `{error.type}`… read in a `q:catch`. */
export function errorValue(error: QuantumError): Record<string, unknown> {
  return {
    message: error.message,
    type: typeOf(error),
    code: error.code,
    detail: typeof error.details?.detail === 'string' ? error.details.detail : '',
    line: error.position?.start.line ?? null,
    column: error.position?.start.column ?? null,
    file: error.file ?? null,
  }
}
