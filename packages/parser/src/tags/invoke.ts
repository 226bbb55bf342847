import {
  type ArgNode,
  type BodyNode,
  ErrorCodes,
  type HeaderNode,
  type InvokeNode,
  type ParamNode,
} from '@quantum/ast'
import type { SyntaxApi } from '../syntax/api'
import type { AttributeReader } from '../syntax/attributes'
import { defineTag } from '../syntax/handler'
import { HTTP_METHODS, upper } from '../syntax/httpMethods'
import type { XElement } from '../xml/tree'
import { AUTH_ATTRIBUTES, httpOptions } from './invokeHttp'

const CHILDREN = ['header', 'param', 'arg', 'body']

/** A component name is its file's name without `.q`: no folders, no dots, so it cannot climb out. */
const COMPONENT_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/

/**
 * `<q:invoke [name] function=|component= method=|url= …>`: call a `q:function`, a function of another
 * component, or an HTTP endpoint (with `authType`, `retry`, `cache` and `when`).
 */
export const invokeTag = defineTag<InvokeNode>({
  tag: 'invoke',
  placement: 'statement',
  attributes: [
    'name',
    'function',
    'component',
    'url',
    'method',
    'contentType',
    'timeout',
    'result',
    'when',
    'retry',
    'retryDelay',
    'cache',
    'ttl',
    ...AUTH_ATTRIBUTES,
  ],
  parse(element, ctx) {
    const a = ctx.attributes(element, this.attributes)
    const { taken, rest } = ctx.split(element, CHILDREN)
    ctx.expectEmpty(rest, '<q:invoke> takes only <q:header>, <q:param>, <q:arg> and <q:body> children')
    const node: InvokeNode = {
      type: 'invoke',
      method: 'GET',
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
    if (bodies[0]?.template)
      ctx.report(
        ErrorCodes.PARSE_INVALID_STRUCTURE,
        'template= is for <q:mail> bodies; give an <q:invoke> body its text',
        bodies[0].position,
      )
    if (bodies[0]) node.body = bodies[0]
    target(node, a, element, ctx)
    if (node.url !== undefined) httpOptions(node, a, ctx)
    else if (a.has('function') || a.has('component')) notHttp(node, a, ctx)
    for (const key of ['name', 'result'] as const) {
      const value = a.variable(key)
      if (value !== undefined) node[key] = value
    }
    const when = a.bindable('when')
    if (when !== undefined) node.when = when
    return node
  },
})

/** Exactly one of `function`, `component` (with `method`, the function to call) and `url`. */
function target(node: InvokeNode, a: AttributeReader, element: XElement, ctx: SyntaxApi) {
  const fn = a.string('function')
  const component = a.string('component')
  const url = a.bindable('url')
  const given = [fn, component, url].filter((value) => value !== undefined).length
  if (given !== 1) {
    ctx.report(
      ErrorCodes.PARSE_MISSING_ATTRIBUTE,
      given === 0
        ? "Invoke requires 'function', 'component' or 'url' attribute"
        : "Invoke takes one of 'function', 'component' or 'url', not several",
      element.position,
    )
  }
  if (fn !== undefined) node.function = fn
  if (url !== undefined) node.url = url
  if (component === undefined) {
    node.method = a.enumeration('method', HTTP_METHODS, 'GET', {
      label: 'invoke method',
      aliases: upper(a.get('method')?.value),
    })
    return
  }
  const method = a.variable('method', { dotted: false })
  if (!a.has('method'))
    ctx.report(
      ErrorCodes.PARSE_MISSING_ATTRIBUTE,
      `Invoke component='${component}' requires 'method' attribute: the function of ${component} to call`,
      element.position,
    )
  const attribute = a.get('component')
  if (!COMPONENT_NAME.test(component)) {
    ctx.report(
      ErrorCodes.PARSE_INVALID_NAME,
      `Invoke component "${component}" is not a component name: letters, digits, _ and -, the name of a .q file without its extension`,
      attribute?.position,
    )
    return
  }
  if (method !== undefined) node.component = { name: component, method }
}

/** HTTP-only attributes on a function or component call: reported, never silently ignored. */
function notHttp(node: InvokeNode, a: AttributeReader, ctx: SyntaxApi) {
  const only = ['retry', 'retryDelay', 'cache', 'ttl', 'timeout', 'contentType', ...AUTH_ATTRIBUTES]
  for (const name of only) {
    const attribute = a.get(name)
    if (attribute)
      ctx.report(
        ErrorCodes.PARSE_INVALID_STRUCTURE,
        `'${name}' applies only to an HTTP <q:invoke url=…>`,
        attribute.position,
      )
  }
  const [header] = node.headers
  if (header)
    ctx.report(
      ErrorCodes.PARSE_INVALID_STRUCTURE,
      '<q:header> applies only to an HTTP <q:invoke url=…>',
      header.position,
    )
}
