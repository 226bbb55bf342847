import type { ElementNode, RedirectNode, TextNode } from '@quantum/ast'
import { all as allStatements, type ExecutionHandler, type Flow } from '../execute'
import { textOf } from '../expression/template'
import { andThen, isPromise, type MaybePromise, sequence } from '../maybe'
import { escapeAttribute, escapeHtml } from '../values/render'

const VOID_ELEMENTS = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
])

/**
 * An HTML element: written to the output with its attributes and children databound and escaped
 * (text as the author wrote it in source, values as text), so the output is always well-formed HTML.
 */
export const element: ExecutionHandler<ElementNode> = (node, ctx) => {
  const run = ctx.run
  const attributes = node.attributes.map(
    (attribute) => () =>
      andThen(textOf(attribute.value, ctx, escapeAttribute), (text) => ` ${attribute.name}="${text}"`),
  )
  return andThen(sequence(attributes), (rendered) => {
    const open = `<${node.name}${rendered.join('')}`
    const topLevel = run.outputDepth === 0
    if (node.children.length === 0) {
      run.write(VOID_ELEMENTS.has(node.name.toLowerCase()) ? `${open}>` : `${open}></${node.name}>`, node)
      if (topLevel) run.write('\n', node)
      return undefined
    }
    run.write(`${open}>`, node)
    run.outputDepth++
    const close = (flow: Flow) => {
      run.outputDepth--
      run.write(`</${node.name}>${topLevel ? '\n' : ''}`, node)
      return flow
    }
    // An error inside leaves the element unclosed, but the depth must come back for what follows.
    const abandon = (error: unknown): never => {
      run.outputDepth--
      throw error
    }
    let flow: MaybePromise<Flow>
    try {
      flow = allStatements(node.children, ctx)
    } catch (error) {
      return abandon(error)
    }
    return isPromise(flow) ? flow.then(close, abandon) : close(flow)
  })
}

/**
 * Text between tags: rendered and escaped (trimmed, one line each, outside HTML elements); the
 * content of `<script>`/`<style>` is written as is.
 */
export const text: ExecutionHandler<TextNode> = (node, ctx) =>
  andThen(textOf(node.value, ctx, node.raw ? undefined : escapeHtml), (rendered) => {
    if (ctx.run.outputDepth > 0) ctx.run.write(rendered, node)
    else if (rendered.trim() !== '') ctx.run.write(`${rendered.trim()}\n`, node)
    return undefined
  })

/** `<q:redirect>`: recorded in the run's result (the host decides what a redirect means). */
export const redirect: ExecutionHandler<RedirectNode> = (node, ctx) =>
  andThen(
    sequence([
      () => textOf(node.url, ctx),
      () => (node.flash === undefined ? undefined : textOf(node.flash, ctx)),
    ]),
    ([url, flash]) => {
      ctx.run.redirect = {
        url: url as string,
        status: node.status,
        ...(flash === undefined ? {} : { flash: flash as string }),
      }
      return undefined
    },
  )
