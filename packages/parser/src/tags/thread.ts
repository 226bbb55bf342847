import { ErrorCodes, type ThreadAction, type ThreadNode, type ThreadPriority } from '@quantum/ast'
import { defineTag } from '../syntax/handler'

const ACTIONS: readonly ThreadAction[] = ['run', 'join', 'terminate']
const PRIORITIES: readonly ThreadPriority[] = ['low', 'normal', 'high']

/** `<q:thread>`: run a body concurrently, join it, or terminate it. */
export const threadTag = defineTag<ThreadNode>({
  tag: 'thread',
  placement: 'statement',
  attributes: ['name', 'action', 'priority', 'timeout', 'on-complete', 'onComplete', 'on-error', 'onError'],
  parse(element, ctx) {
    const a = ctx.attributes(element, this.attributes)
    const name = a.string('name', { required: true })
    const action = a.enumeration('action', ACTIONS, 'run', { label: 'thread action' })
    const node: ThreadNode = {
      type: 'thread',
      name: name ?? '',
      action,
      priority: a.enumeration('priority', PRIORITIES, 'normal', { label: 'thread priority' }),
      body: [],
      position: element.position,
    }
    const timeout = a.duration('timeout')
    if (timeout !== undefined) node.timeout = timeout
    const onComplete = a.string(a.pick('on-complete', 'onComplete'))
    if (onComplete !== undefined) node.onComplete = onComplete
    const onError = a.string(a.pick('on-error', 'onError'))
    if (onError !== undefined) node.onError = onError
    if (!a.valid('action')) {
      // an unknown action was reported; its other rules would only add noise
    } else if (action === 'run') {
      node.body = ctx.within({ loop: false, batch: false }, () => ctx.statements(element.children))
      if (node.body.length === 0) {
        ctx.report(
          ErrorCodes.PARSE_MISSING_BODY,
          "Thread with action='run' requires body statements",
          element.position,
        )
      }
    } else {
      ctx.expectEmpty(element.children, `Thread action '${action}' takes no body`)
      const callback = ['on-complete', 'onComplete', 'on-error', 'onError', 'priority'].find((attribute) =>
        a.has(attribute),
      )
      if (callback) {
        ctx.report(
          ErrorCodes.PARSE_INVALID_STRUCTURE,
          `Thread action '${action}' does not take '${callback}'; it belongs to action="run"`,
          a.get(callback)?.position,
        )
      }
    }
    return name === undefined ? undefined : node
  },
})
