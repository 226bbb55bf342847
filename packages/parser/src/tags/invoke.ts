import {
  type ArgNode,
  type BodyNode,
  ErrorCodes,
  type HeaderNode,
  type InvokeNode,
  type ParamNode,
} from '@quantum/ast'
import { defineTag } from '../syntax/handler'
import { HTTP_METHODS, upper } from '../syntax/httpMethods'

const CHILDREN = ['header', 'param', 'arg', 'body']

/** `<q:invoke [name] function=|url= …>`: call a `q:function` or an HTTP endpoint. */
export const invokeTag = defineTag<InvokeNode>({
  tag: 'invoke',
  placement: 'statement',
  attributes: ['name', 'function', 'url', 'method', 'contentType', 'timeout', 'result'],
  parse(element, ctx) {
    const a = ctx.attributes(element, this.attributes)
    const { taken, rest } = ctx.split(element, CHILDREN)
    ctx.expectEmpty(rest, '<q:invoke> takes only <q:header>, <q:param>, <q:arg> and <q:body> children')
    const node: InvokeNode = {
      type: 'invoke',
      method: a.enumeration('method', HTTP_METHODS, 'GET', {
        label: 'invoke method',
        aliases: upper(a.get('method')?.value),
      }),
      headers: ctx.nodes<HeaderNode>(taken.get('header')),
      params: ctx.nodes<ParamNode>(taken.get('param')),
      args: ctx.nodes<ArgNode>(taken.get('arg')),
      position: element.position,
    }
    const bodies = ctx.nodes<BodyNode>(taken.get('body'))
    if (bodies.length > 1)
      ctx.report(
        ErrorCodes.PARSE_INVALID_STRUCTURE,
        'an <q:invoke> has at most one <q:body>',
        bodies[1]?.position,
      )
    if (bodies[0]) node.body = bodies[0]
    const fn = a.string('function')
    const url = a.bindable('url')
    if ((fn === undefined) === (url === undefined)) {
      ctx.report(
        ErrorCodes.PARSE_MISSING_ATTRIBUTE,
        fn === undefined
          ? "Invoke requires 'function' or 'url' attribute"
          : "Invoke takes either 'function' or 'url', not both",
        element.position,
      )
    }
    if (fn !== undefined) node.function = fn
    if (url !== undefined) node.url = url
    for (const key of ['name', 'result'] as const) {
      const value = a.variable(key)
      if (value !== undefined) node[key] = value
    }
    const contentType = a.bindable('contentType')
    if (contentType !== undefined) node.contentType = contentType
    const timeout = a.duration('timeout')
    if (timeout !== undefined) node.timeout = timeout
    return node
  },
})
