import type { ElementNode } from '@quantum/ast'
import { all as allStatements, type ExecutionHandler, type Flow } from '../execute'
import { textOf } from '../expression/template'
import { andThen, isPromise, type MaybePromise, sequence } from '../maybe'
import { escapeAttribute } from '../values/render'

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
