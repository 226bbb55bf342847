import { type Backoff, ErrorCodes, type JobAction, type JobNode } from '@quantum/ast'
import { parseDuration } from '@quantum/time'
import type { AttributeReader } from '../syntax/attributes'
import { defineTag } from '../syntax/handler'
import { declaredParams, valuedParams } from './param'

const ACTIONS: readonly JobAction[] = ['define', 'dispatch', 'batch']

/** `<q:job>`: define a queued job, dispatch one, or dispatch a batch. */
export const jobTag = defineTag<JobNode>({
  tag: 'job',
  placement: 'statement',
  attributes: ['name', 'action', 'queue', 'delay', 'priority', 'attempts', 'backoff', 'timeout'],
  parse(element, ctx) {
    const a = ctx.attributes(element, this.attributes)
    const name = a.string('name', { required: true })
    const action = a.enumeration('action', ACTIONS, 'define', { label: 'job action' })
    const node: JobNode = {
      type: 'job',
      name: name ?? '',
      action,
      params: [],
      body: [],
      position: element.position,
    }
    const queue = a.bindable('queue')
    if (queue !== undefined) node.queue = queue
    const delay = a.duration('delay')
    if (delay !== undefined) node.delay = delay
    const priority = a.integer('priority', {
      min: 0,
      max: 10,
      message: 'Job priority must be between 0 and 10',
    })
    if (priority !== undefined) node.priority = priority
    const attempts = a.integer('attempts', { min: 1, message: 'Job attempts must be at least 1' })
    if (attempts !== undefined) node.attempts = attempts
    const backoff = readBackoff(a)
    if (backoff) node.backoff = backoff
    const timeout = a.duration('timeout')
    if (timeout !== undefined) node.timeout = timeout
    const { taken, rest } = ctx.split(element, ['param'])
    if (action === 'define') {
      node.params = declaredParams(taken.get('param'), ctx)
      node.body = ctx.within({ loop: false, batch: false }, () => ctx.statements(rest))
      if (node.body.length === 0 && a.valid('action'))
        ctx.report(ErrorCodes.PARSE_MISSING_BODY, `Job '${node.name}' has no body to run`, element.position)
    } else if (action === 'dispatch') {
      node.params = valuedParams(taken.get('param'), ctx, 'Dispatch')
      ctx.expectEmpty(rest, 'a job dispatch takes only <q:param name value> children')
    } else {
      node.params = valuedParams(taken.get('param'), ctx, 'Batch')
      node.body = ctx.within({ loop: false, batch: true }, () => ctx.statements(rest))
    }
    return name === undefined ? undefined : node
  },
})

/** `backoff="30s"` (exponential from 30s, upstream), `fixed:30s` or `exponential:30s`. */
function readBackoff(a: AttributeReader): Backoff | undefined {
  const attribute = a.get('backoff')
  if (!attribute) return undefined
  const match = /^\s*(?:(fixed|exponential)\s*:)?\s*(.*)$/i.exec(attribute.value) as RegExpExecArray
  const kind = (match[1]?.toLowerCase() ?? 'exponential') as Backoff['kind']
  const result = parseDuration(match[2] ?? '')
  if (result.ok) return { kind, delay: result.ms }
  a.invalid(
    attribute,
    `Invalid job backoff: ${attribute.value} (${result.message}; e.g. 30s, fixed:30s, exponential:1m)`,
  )
  return undefined
}
