import { type ElseIfNode, type ElseNode, ErrorCodes, type IfNode } from '@quantum/ast'
import type { SyntaxApi } from '../syntax/api'
import { defineTag } from '../syntax/handler'
import type { XElement } from '../xml/tree'

/** `<q:if condition>`; `q:elseif`/`q:else` may be its children or the siblings right after it (`attachSibling`). */
export const ifTag = defineTag<IfNode>({
  tag: 'if',
  placement: 'statement',
  attributes: ['condition'],
  parse(element, ctx) {
    const a = ctx.attributes(element, this.attributes)
    const condition = a.condition('condition', { required: true })
    const node: IfNode = {
      type: 'if',
      condition: condition ?? { type: 'literal', value: false },
      body: [],
      elseifs: [],
      position: element.position,
    }
    const firstBranch = element.children.findIndex(isBranch)
    const bodyEnd = firstBranch === -1 ? element.children.length : firstBranch
    node.body = ctx.statements(element.children.slice(0, bodyEnd))
    for (const child of element.children.slice(bodyEnd)) {
      if (child.kind === 'text' && child.value.trim() === '') continue
      if (child.kind === 'element' && isBranch(child)) attachBranch(node, child, ctx)
      else
        ctx.report(
          ErrorCodes.PARSE_INVALID_STRUCTURE,
          'statements after <q:elseif>/<q:else> must be inside that branch',
          child.position,
        )
    }
    return node
  },
  attachSibling(previous, element, ctx) {
    if (previous.type !== 'if' || !isBranch(element)) return false
    attachBranch(previous, element, ctx)
    return true
  },
})

/** `<q:elseif condition>`, inside a `q:if` or right after one. */
export const elseifTag = defineTag<ElseIfNode>({
  tag: 'elseif',
  placement: { parents: ['if'] },
  attributes: ['condition'],
  parse(element, ctx) {
    const condition = ctx.attributes(element, this.attributes).condition('condition', { required: true })
    const body = ctx.statements(element.children)
    return condition ? { type: 'elseif', condition, body, position: element.position } : undefined
  },
})

/** `<q:else>`, inside a `q:if` or right after one. */
export const elseTag = defineTag<ElseNode>({
  tag: 'else',
  placement: { parents: ['if'] },
  attributes: [],
  parse(element, ctx) {
    ctx.attributes(element, this.attributes)
    return { type: 'else', body: ctx.statements(element.children), position: element.position }
  },
})

function attachBranch(node: IfNode, element: XElement, ctx: SyntaxApi) {
  if (node.else) {
    const what = element.local === 'else' ? 'duplicate <q:else>' : '<q:elseif> after <q:else>'
    ctx.report(ErrorCodes.PARSE_INVALID_STRUCTURE, `${what} in the same <q:if>`, element.position)
    return
  }
  const branch = ctx.node<ElseIfNode | ElseNode>(element)
  if (branch?.type === 'else') node.else = branch
  else if (branch) node.elseifs.push(branch)
}

function isBranch(node: { kind: string; quantum?: boolean; local?: string }): node is XElement {
  return (
    node.kind === 'element' && node.quantum === true && (node.local === 'else' || node.local === 'elseif')
  )
}
