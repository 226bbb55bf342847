import {
  type ComputeNode,
  type DataNode,
  ErrorCodes,
  type FilterNode,
  type LimitNode,
  type SortNode,
  type TransformNode,
  type TransformStep,
} from '@quantum/ast'
import { DATA_TYPES } from '../syntax/dataTypes'
import { defineTag } from '../syntax/handler'

/** `<q:data name source [type]>` with an optional `q:transform`. */
export const dataTag = defineTag<DataNode>({
  tag: 'data',
  placement: 'statement',
  attributes: ['name', 'source', 'type'],
  parse(element, ctx) {
    const a = ctx.attributes(element, this.attributes)
    const name = a.variable('name', { required: true })
    const source = a.bindable('source', { required: true })
    const dataType = a.enumeration('type', ['json', 'csv', 'transform', 'array'] as const, 'transform', {
      label: 'data type',
    })
    const { taken, rest } = ctx.split(element, ['transform'])
    ctx.expectEmpty(rest, '<q:data> takes only a <q:transform> child')
    const transforms = ctx.nodes<TransformNode>(taken.get('transform'))
    if (transforms.length > 1)
      ctx.report(
        ErrorCodes.PARSE_INVALID_STRUCTURE,
        'a <q:data> has at most one <q:transform>',
        transforms[1]?.position,
      )
    if (name === undefined || source === undefined) return undefined
    const node: DataNode = { type: 'data', name, source, dataType, position: element.position }
    if (transforms[0]) node.transform = transforms[0]
    return node
  },
})

/** `<q:transform>`: filter, sort, limit and compute steps applied in order. */
export const transformTag = defineTag<TransformNode>({
  tag: 'transform',
  placement: { parents: ['data'] },
  attributes: [],
  parse(element, ctx) {
    ctx.attributes(element, this.attributes)
    const steps: TransformStep[] = []
    for (const child of element.children) {
      if (child.kind === 'text') {
        if (child.value.trim() !== '')
          ctx.report(ErrorCodes.PARSE_INVALID_STRUCTURE, '<q:transform> takes only steps', child.position)
        continue
      }
      if (!child.quantum || !STEPS.includes(child.local)) {
        ctx.report(
          ErrorCodes.PARSE_MISPLACED_TAG,
          `<${child.name}> is not a transform step; use <q:filter>, <q:sort>, <q:limit> or <q:compute>`,
          child.position,
        )
        continue
      }
      const step = ctx.node<TransformStep>(child)
      if (step) steps.push(step)
    }
    return { type: 'transform', steps, position: element.position }
  },
})

const STEPS = ['filter', 'sort', 'limit', 'compute']

/** `<q:filter condition>`: keep the records for which the condition holds. */
export const filterTag = defineTag<FilterNode>({
  tag: 'filter',
  placement: { parents: ['transform'] },
  attributes: ['condition'],
  parse(element, ctx) {
    const condition = ctx.attributes(element, this.attributes).condition('condition', { required: true })
    return condition ? { type: 'filter', condition, position: element.position } : undefined
  },
})

/** `<q:sort by [order]>`. */
export const sortTag = defineTag<SortNode>({
  tag: 'sort',
  placement: { parents: ['transform'] },
  attributes: ['by', 'order'],
  parse(element, ctx) {
    const a = ctx.attributes(element, this.attributes)
    const by = a.string('by', { required: true })
    const order = a.enumeration('order', ['asc', 'desc'] as const, 'asc', {
      label: 'sort order',
      caseInsensitive: true,
    })
    return by === undefined ? undefined : { type: 'sort', by, order, position: element.position }
  },
})

/** `<q:limit value>`. */
export const limitTag = defineTag<LimitNode>({
  tag: 'limit',
  placement: { parents: ['transform'] },
  attributes: ['value'],
  parse(element, ctx) {
    const a = ctx.attributes(element, this.attributes)
    if (!a.has('value')) a.missing('value')
    const value = a.integer('value', { min: 0 })
    return value === undefined ? undefined : { type: 'limit', value, position: element.position }
  },
})

/** `<q:compute field expression [type]>` (`name=` accepted for `field=`, as the proposal writes it). */
export const computeTag = defineTag<ComputeNode>({
  tag: 'compute',
  placement: { parents: ['transform'] },
  attributes: ['field', 'name', 'expression', 'type'],
  parse(element, ctx) {
    const a = ctx.attributes(element, this.attributes)
    const field = a.string(a.pick('field', 'name'), { required: true })
    const expression = a.condition('expression', { required: true })
    if (field === undefined || expression === undefined) return undefined
    const node: ComputeNode = { type: 'compute', field, expression, position: element.position }
    if (a.has('type')) node.datatype = a.enumeration('type', DATA_TYPES, 'any', { label: 'compute type' })
    return node
  },
})
