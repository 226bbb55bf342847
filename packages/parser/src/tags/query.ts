import { ErrorCodes, type QueryNode } from '@quantum/ast'
import { findInterpolation } from '../expression/index'
import { defineTag } from '../syntax/handler'
import { dedent } from '../syntax/text'
import { valuedParams } from './param'

/**
 * `<q:query [name] [datasource="db"]>` SQL `</q:query>`. Values are always bound with `:name` and
 * `q:param` (or a same-named variable): `{expr}` inside SQL is a parse error.
 */
export const queryTag = defineTag<QueryNode>({
  tag: 'query',
  placement: 'statement',
  attributes: ['name', 'datasource', 'result', 'timeout', 'maxrows'],
  parse(element, ctx) {
    const a = ctx.attributes(element, this.attributes)
    const name = a.variable('name')
    const { taken, rest } = ctx.split(element, ['param'])
    const label = name ? `Query '${name}'` : 'Query'
    let sql = ''
    for (const child of rest) {
      if (child.kind === 'element') {
        ctx.report(
          ErrorCodes.PARSE_INVALID_STRUCTURE,
          `${label}: only SQL text and <q:param> may be inside <q:query>`,
          child.position,
        )
        continue
      }
      // Every {expr} is reported, not just the first.
      for (let from = 0; !child.cdata; ) {
        const found = findInterpolation(child.value.slice(from))
        if (!found) break
        const [start, end] = [from + found.index, from + found.end]
        ctx.report(
          ErrorCodes.PARSE_SQL_INTERPOLATION,
          `${label}: direct ${child.value.slice(start, end)} interpolation in SQL is not allowed. Use :param_name with <q:param> for safe parameter binding`,
          { start: child.locator.point(start), end: child.locator.point(end) },
        )
        from = end
      }
      sql += child.value
    }
    sql = dedent(sql)
    if (sql === '') ctx.report(ErrorCodes.PARSE_MISSING_BODY, `${label} has no SQL`, element.position)
    const node: QueryNode = {
      type: 'query',
      datasource: a.string('datasource') ?? 'db',
      sql,
      params: valuedParams(taken.get('param'), ctx, 'Query'),
      position: element.position,
    }
    if (name !== undefined) node.name = name
    const result = a.variable('result')
    if (result !== undefined) node.result = result
    const timeout = a.duration('timeout')
    if (timeout !== undefined) node.timeout = timeout
    const maxRows = a.integer('maxrows', { min: 0 })
    if (maxRows !== undefined) node.maxRows = maxRows
    return node
  },
})
