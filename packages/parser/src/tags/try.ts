import { type CatchNode, ErrorCodes, type FinallyNode, type TryNode } from '@quantum/ast'
import { defineTag } from '../syntax/handler'
import type { XNode } from '../xml/tree'

/** `<q:try>` body, then `q:catch`es and an optional `q:finally`, in that order. */
export const tryTag = defineTag<TryNode>({
  tag: 'try',
  placement: 'statement',
  attributes: [],
  parse(element, ctx) {
    ctx.attributes(element, this.attributes)
    const { taken, rest } = ctx.split(element, ['catch', 'finally'])
    const catches = ctx.nodes<CatchNode>(taken.get('catch'))
    const finallies = ctx.nodes<FinallyNode>(taken.get('finally'))
    const node: TryNode = { type: 'try', body: ctx.statements(rest), catches, position: element.position }
    if (finallies.length > 1) {
      ctx.report(
        ErrorCodes.PARSE_INVALID_STRUCTURE,
        'a <q:try> has at most one <q:finally>',
        finallies[1]?.position,
      )
    }
    if (finallies[0]) node.finally = finallies[0]
    if (catches.length === 0 && finallies.length === 0 && !taken.has('catch') && !taken.has('finally')) {
      ctx.report(
        ErrorCodes.PARSE_INVALID_STRUCTURE,
        '<q:try> needs a <q:catch> or a <q:finally>',
        element.position,
      )
    }
    const isHandler = (child: XNode) =>
      child.kind === 'element' && child.quantum && ['catch', 'finally'].includes(child.local)
    const lastStatement = element.children.findLastIndex(
      (child) => !(child.kind === 'text' && child.value.trim() === '') && !isHandler(child),
    )
    const firstHandler = element.children.findIndex(isHandler)
    if (firstHandler !== -1 && lastStatement > firstHandler) {
      ctx.report(
        ErrorCodes.PARSE_INVALID_STRUCTURE,
        'statements of a <q:try> must come before its <q:catch>/<q:finally>',
        element.children[lastStatement]?.position,
      )
    }
    return node
  },
})

/** `<q:catch [type] [var="error"]>`: runs when the error's type matches, or for any error without `type`. */
export const catchTag = defineTag<CatchNode>({
  tag: 'catch',
  placement: { parents: ['try'] },
  attributes: ['type', 'var'],
  parse(element, ctx) {
    const a = ctx.attributes(element, this.attributes)
    const node: CatchNode = {
      type: 'catch',
      var: a.variable('var') ?? 'error',
      body: ctx.statements(element.children),
      position: element.position,
    }
    const errorType = a.string('type')
    if (errorType !== undefined && errorType.trim() !== '' && errorType !== 'any') node.errorType = errorType
    return node
  },
})

/** `<q:finally>`: runs after the body and any catch, whatever happened. */
export const finallyTag = defineTag<FinallyNode>({
  tag: 'finally',
  placement: { parents: ['try'] },
  attributes: [],
  parse(element, ctx) {
    ctx.attributes(element, this.attributes)
    return { type: 'finally', body: ctx.statements(element.children), position: element.position }
  },
})
