import type { DumpNode } from '@quantum/ast'
import type { ExecutionHandler } from '../execute'
import { bindValue } from '../expression/template'
import { holds } from '../expression/when'
import { andThen } from '../maybe'
import { limitDepth } from '../values/limitDepth'
import { escapeAttribute, escapeHtml, toJson, toText } from '../values/render'

/**
 * `<q:dump var [label] [format] [depth]>`: the value, shown in the output (collections nested deeper
 * than `depth` summarised) and kept whole as `_dump_<label>`.
 */
export const dump: ExecutionHandler<DumpNode> = (node, ctx) =>
  andThen(holds(node.when, ctx), (when) => {
    if (!when) return undefined
    return andThen(bindValue(node.var, ctx), (whole) => {
      const value = node.depth === undefined ? whole : limitDepth(whole, node.depth)
      const label = node.label ?? 'dump'
      const json = typeof value === 'string' ? value : toJson(value, 2, ctx.run.bounds)
      const shown =
        node.format === 'html'
          ? `<pre class="q-dump" data-label="${escapeAttribute(label)}">${escapeHtml(json)}</pre>`
          : escapeHtml(
              node.format === 'json'
                ? toJson(value, undefined, ctx.run.bounds)
                : `${label}: ${typeof value === 'string' ? value : toText(json, ctx.run.bounds)}`,
            )
      ctx.run.write(`${shown}\n`, node)
      ctx.assign(`_dump_${label}`, whole)
      return undefined
    })
  })
