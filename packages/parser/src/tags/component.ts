import type { ActionNode, ComponentNode, FunctionNode } from '@quantum/ast'
import { defineTag } from '../syntax/handler'
import { declaredParams } from './param'

/** `<q:component name>` (or `q:application`): the root of a document. */
export const componentTag = defineTag<ComponentNode>({
  tag: 'component',
  placement: 'root',
  attributes: ['name', 'type', 'description'],
  parse(element, ctx) {
    const a = ctx.attributes(element, this.attributes)
    const name = a.string('name', { required: true }) ?? ''
    const { taken, rest } = ctx.split(element, ['param', 'function', 'action'])
    return {
      type: 'component',
      name,
      kind: element.local === 'application' ? 'application' : 'component',
      params: declaredParams(taken.get('param'), ctx),
      functions: ctx.nodes<FunctionNode>(taken.get('function')),
      actions: ctx.nodes<ActionNode>(taken.get('action')),
      body: ctx.statements(rest),
      position: element.position,
    }
  },
})

/** `<q:application name>`: a component that is an application's root. */
export const applicationTag = defineTag<ComponentNode>({ ...componentTag, tag: 'application' })
