import type { BreakNode } from '@quantum/ast'
import { defineTag } from '../syntax/handler'
import { loopOnly } from '../syntax/loopOnly'

/** `<q:break/>`: leave the innermost loop. */
export const breakTag = defineTag<BreakNode>({
  tag: 'break',
  placement: 'statement',
  attributes: [],
  parse(element, ctx) {
    return loopOnly(element, ctx) ? { type: 'break', position: element.position } : undefined
  },
})
