import type { SleepNode } from '@quantum/ast'
import { defineTag } from '../syntax/handler'

/** `<q:sleep duration="250ms|2s">`: pause the body; a cancelled run wakes at once. */
export const sleepTag = defineTag<SleepNode>({
  tag: 'sleep',
  placement: 'statement',
  attributes: ['duration'],
  parse(element, ctx) {
    const duration = ctx.attributes(element, this.attributes).duration('duration', { required: true })
    ctx.expectEmpty(element.children, '<q:sleep> takes no body')
    return duration === undefined ? undefined : { type: 'sleep', duration, position: element.position }
  },
})
