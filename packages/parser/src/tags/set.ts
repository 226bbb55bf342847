import { ErrorCodes, type ScopeName, type SetNode, type SetOperation, type SetValidation } from '@quantum/ast'
import type { AttributeReader } from '../syntax/attributes'
import { DATA_TYPES } from '../syntax/dataTypes'
import { defineTag } from '../syntax/handler'
import { patternProblem } from '../syntax/pattern'

const SCOPES: readonly ScopeName[] = ['local', 'function', 'component', 'session', 'application', 'request']
const OPERATIONS: readonly SetOperation[] = [
  'assign',
  'increment',
  'decrement',
  'add',
  'multiply',
  'append',
  'prepend',
  'remove',
  'removeAt',
  'clear',
  'sort',
  'reverse',
  'unique',
  'merge',
  'setProperty',
  'deleteProperty',
  'clone',
  'uppercase',
  'lowercase',
  'trim',
  'format',
]
const NEEDS: Partial<Record<SetOperation, string>> = {
  add: 'value',
  multiply: 'value',
  removeAt: 'index',
  setProperty: 'key',
  deleteProperty: 'key',
  clone: 'source',
}

/** `<q:set>`: assign or update a variable. */
export const setTag = defineTag<SetNode>({
  tag: 'set',
  placement: 'statement',
  attributes: [
    'name',
    'value',
    'default',
    'type',
    'scope',
    'operation',
    'step',
    'index',
    'key',
    'source',
    'required',
    'nullable',
    'pattern',
    'range',
    'enum',
    'min',
    'max',
    'minlength',
    'maxlength',
  ],
  parse(element, ctx) {
    const a = ctx.attributes(element, this.attributes)
    const name = a.variable('name', { required: true })
    const operation = a.enumeration('operation', OPERATIONS, 'assign', { label: 'set operation' })
    const needed = NEEDS[operation]
    if (needed && !a.has(needed)) {
      const message =
        needed === 'value'
          ? 'Arithmetic operation requires a value'
          : `Set operation '${operation}' requires '${needed}' attribute`
      ctx.report(ErrorCodes.PARSE_MISSING_ATTRIBUTE, message, element.position)
    }
    ctx.expectEmpty(element.children, '<q:set> takes no body; use value="…"')
    if (name === undefined) return undefined
    const node: SetNode = { type: 'set', name, operation, position: element.position }
    const value = a.bindable('value')
    if (value !== undefined) node.value = value
    const fallback = a.bindable('default')
    if (fallback !== undefined) node.default = fallback
    if (a.has('type')) node.datatype = a.enumeration('type', DATA_TYPES, 'string', { label: 'set type' })
    if (a.has('scope')) node.scope = a.enumeration('scope', SCOPES, 'local', { label: 'set scope' })
    const step = a.get('step')?.value.includes('{') ? a.bindable('step') : a.integer('step')
    if (step !== undefined && typeof step !== 'string') node.step = step
    const index = a.bindable('index')
    if (index !== undefined) node.index = index
    const key = a.bindable('key')
    if (key !== undefined) node.key = key
    const source = a.string('source')
    if (source !== undefined) node.source = source
    const validation = readValidation(a)
    if (validation) node.validation = validation
    return node
  },
})

function readValidation(a: AttributeReader): SetValidation | undefined {
  const v: SetValidation = {}
  if (a.has('required')) v.required = a.boolean('required', false)
  if (a.has('nullable')) v.nullable = a.boolean('nullable', true)
  const pattern = a.get('pattern')
  if (pattern) {
    const problem = patternProblem(pattern.value)
    if (problem === undefined) v.pattern = pattern.value
    else a.invalid(pattern, `Set pattern ${pattern.value} ${problem}`)
  }
  const range = a.get('range')
  if (range) {
    const match = /^\s*(-?\d+(?:\.\d+)?)?\s*(?:,|\.\.)\s*(-?\d+(?:\.\d+)?)?\s*$/.exec(range.value)
    if (match && (match[1] || match[2])) {
      v.range = {}
      if (match[1]) v.range.min = Number(match[1])
      if (match[2]) v.range.max = Number(match[2])
    } else {
      a.invalid(range, `Set range must be "min,max" or "min..max": ${range.value}`)
    }
  }
  const list = a.string('enum')
  if (list !== undefined) v.enum = list.split(',').map((item) => item.trim())
  for (const [attr, field] of [
    ['min', 'min'],
    ['max', 'max'],
  ] as const) {
    const raw = a.get(attr)
    if (!raw) continue
    const number = Number(raw.value)
    if (raw.value.trim() === '' || Number.isNaN(number))
      a.invalid(raw, `Set ${attr} must be a number: ${raw.value}`)
    else v[field] = number
  }
  const minLength = a.integer('minlength', { min: 0 })
  if (minLength !== undefined) v.minLength = minLength
  const maxLength = a.integer('maxlength', { min: 0 })
  if (maxLength !== undefined) v.maxLength = maxLength
  return Object.keys(v).length ? v : undefined
}
