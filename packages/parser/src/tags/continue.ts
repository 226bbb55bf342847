import type { ContinueNode } from '@quantum/ast'
import { defineTag } from '../syntax/handler'
import { loopOnly } from '../syntax/loopOnly'

/** `<q:continue/>`: go on with the innermost loop's next iteration. */
export const continueTag = defineTag<ContinueNode>({
  tag: 'continue',
  placement: 'statement',
  attributes: [],
  parse(element, ctx) {
    return loopOnly(element, ctx) ? { type: 'continue', position: element.position } : undefined
  },
})
