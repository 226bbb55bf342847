import type { ArgNode, ParamNode } from '@quantum/ast'
import { bindValue } from '../expression/template'
import { andThen, type MaybePromise, sequence } from '../maybe'
import type { Context } from '../scope/context'

/**
 * The values of `q:arg`/`q:param` children by name, bound in order: `value`, else (as upstream's
 * invoke reads it) `default`, else null.
 */
export function namedValues(
  nodes: readonly (ArgNode | ParamNode)[],
  ctx: Context,
): MaybePromise<Record<string, unknown>> {
  const steps = nodes.map((node) => () => {
    const source = 'default' in node && node.value === undefined ? node.default : node.value
    return andThen(
      source === undefined ? null : bindValue(source, ctx),
      (value) => [node.name, value] as const,
    )
  })
  return andThen(sequence(steps), (pairs) => Object.fromEntries(pairs))
}
