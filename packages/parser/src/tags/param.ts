import { ErrorCodes, type ParamNode } from '@quantum/ast'
import type { SyntaxApi } from '../syntax/api'
import { DATA_TYPES } from '../syntax/dataTypes'
import { defineTag } from '../syntax/handler'
import type { XElement } from '../xml/tree'

/**
 * `<q:param name [type] [required] [default] [value] …>`. Its parent decides which fields matter
 * (a query or a dispatch needs `value`; a job or function definition uses `default`/`required`, and
 * its name becomes a variable). In a batch body it is a statement that needs `value`: one value of
 * the job the iteration adds.
 */
export const paramTag = defineTag<ParamNode>({
  tag: 'param',
  placement: { parents: ['component', 'function', 'job', 'query', 'invoke', 'action', 'body'] },
  attributes: [
    'name',
    'type',
    'required',
    'default',
    'value',
    'null',
    'nullable',
    'maxLength',
    'scale',
    'description',
  ],
  parse(element, ctx) {
    const a = ctx.attributes(element, this.attributes)
    const name = ctx.state.declaration
      ? a.variable('name', { required: true, dotted: false })
      : a.string('name', { required: true })
    ctx.expectEmpty(element.children, '<q:param> takes no body; use value="…"')
    if (name === undefined) return undefined
    const node: ParamNode = { type: 'param', name, position: element.position }
    if (a.has('type'))
      node.datatype = a.enumeration('type', DATA_TYPES, 'string', { label: 'parameter type' })
    if (a.has('required')) node.required = a.boolean('required', false)
    const fallback = a.bindable('default')
    if (fallback !== undefined) node.default = fallback
    const value = a.bindable('value')
    if (value !== undefined) node.value = value
    const nullable = a.pick('nullable', 'null')
    if (a.has(nullable)) node.nullable = a.boolean(nullable, false)
    const maxLength = a.integer('maxLength', { min: 0 })
    if (maxLength !== undefined) node.maxLength = maxLength
    const scale = a.integer('scale', { min: 0 })
    if (scale !== undefined) node.scale = scale
    return node
  },
  statementWhen: (state) => state.batch === true,
  parseStatement(element, ctx) {
    const node = this.parse(element, ctx)
    if (node && node.value === undefined) {
      ctx.report(
        ErrorCodes.PARSE_PARAM_WITHOUT_VALUE,
        `Batch parameter '${node.name}' requires 'value' attribute`,
        element.position,
      )
    }
    return node
  },
})

/**
 * Parse the `q:param` children that declare what a component, function, action or job takes: each
 * name becomes a variable of the body, so it must be an identifier.
 */
export function declaredParams(elements: readonly XElement[] | undefined, ctx: SyntaxApi): ParamNode[] {
  return ctx.within({ declaration: true }, () => ctx.nodes<ParamNode>(elements))
}

/** Parse `q:param` children that must carry a `value` (query, dispatch), reporting those that do not. */
export function valuedParams(
  elements: readonly XElement[] | undefined,
  ctx: SyntaxApi,
  owner: string,
): ParamNode[] {
  const params = ctx.nodes<ParamNode>(elements)
  for (const param of params) {
    if (param.value === undefined) {
      ctx.report(
        ErrorCodes.PARSE_PARAM_WITHOUT_VALUE,
        `${owner} parameter '${param.name}' requires 'value' attribute`,
        param.position,
      )
    }
  }
  return params
}
