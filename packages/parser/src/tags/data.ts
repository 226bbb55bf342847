import {
  type ColumnNode,
  type ComputeNode,
  type DataNode,
  ErrorCodes,
  type FieldNode,
  type FilterNode,
  type HeaderNode,
  type LimitNode,
  type SortNode,
  type TransformNode,
  type TransformStep,
} from '@quantum/ast'
import type { SyntaxApi } from '../syntax/api'
import type { AttributeReader } from '../syntax/attributes'
import { DATA_TYPES } from '../syntax/dataTypes'
import { defineTag } from '../syntax/handler'
import { dedent } from '../syntax/text'
import { xpathAttribute } from '../syntax/xpath'
import type { XAttribute, XNode } from '../xml/tree'

/** Attributes that only a CSV source reads. */
const CSV_ATTRIBUTES = ['delimiter', 'quote', 'header', 'skipRows', 'skip_rows']

/**
 * `<q:data name source|content [type]>` with `q:header`, `q:column` (CSV), `q:field` (XML) and one
 * `q:transform`; the element's own text, when it has some, is the records written inline.
 */
export const dataTag = defineTag<DataNode>({
  tag: 'data',
  placement: 'statement',
  attributes: ['name', 'source', 'type', 'result', 'cache', 'ttl', 'encoding', 'xpath', ...CSV_ATTRIBUTES],
  parse(element, ctx) {
    const a = ctx.attributes(element, this.attributes)
    const name = a.variable('name', { required: true })
    const dataType = a.enumeration(
      'type',
      ['json', 'csv', 'xml', 'transform', 'array'] as const,
      'transform',
      {
        label: 'data type',
      },
    )
    const { taken, rest } = ctx.split(element, ['header', 'column', 'field', 'transform'])
    const content = inlineContent(rest, ctx)
    if (content !== undefined && a.has('source')) {
      ctx.report(
        ErrorCodes.PARSE_INVALID_STRUCTURE,
        '<q:data> takes its records from source="…" or from its text, not both',
        element.position,
      )
    }
    const source = content === undefined ? a.bindable('source', { required: true }) : undefined
    const node: DataNode = {
      type: 'data',
      name: name ?? '',
      ...(source === undefined ? {} : { source }),
      ...(content === undefined ? {} : { content }),
      dataType,
      position: element.position,
    }
    const result = a.variable('result')
    if (result !== undefined) node.result = result
    readCache(a, node, ctx)
    const encoding = a.string('encoding')
    if (encoding !== undefined) {
      if (isEncoding(encoding)) node.encoding = encoding.trim().toLowerCase()
      else
        a.invalid(a.get('encoding') as XAttribute, `Data encoding is not a known character set: ${encoding}`)
    }
    readFormat(a, node, ctx)
    const headers = ctx.nodes<HeaderNode>(taken.get('header'))
    if (headers.length > 0) node.headers = headers
    const columns = only(ctx.nodes<ColumnNode>(taken.get('column')), dataType === 'csv', 'csv', ctx)
    if (columns.length > 0) node.columns = unique(columns, 'column', ctx)
    const fields = only(ctx.nodes<FieldNode>(taken.get('field')), dataType === 'xml', 'xml', ctx)
    if (fields.length > 0) node.fields = unique(fields, 'field', ctx)
    if (dataType === 'xml' && (taken.get('field') ?? []).length === 0) {
      ctx.report(
        ErrorCodes.PARSE_MISSING_BODY,
        '<q:data type="xml"> needs <q:field name xpath> children to map each record',
        element.position,
      )
    }
    const transforms = ctx.nodes<TransformNode>(taken.get('transform'))
    if (transforms.length > 1)
      ctx.report(
        ErrorCodes.PARSE_INVALID_STRUCTURE,
        'a <q:data> has at most one <q:transform>',
        transforms[1]?.position,
      )
    if (transforms[0]) node.transform = transforms[0]
    if (name === undefined || (source === undefined && content === undefined)) return undefined
    return node
  },
})

/** The element's text (CDATA included), dedented, when it has any besides whitespace. */
function inlineContent(rest: readonly XNode[], ctx: SyntaxApi): string | undefined {
  const texts: string[] = []
  for (const node of rest) {
    if (node.kind === 'text') texts.push(node.value)
    else
      ctx.report(
        ErrorCodes.PARSE_INVALID_STRUCTURE,
        `<${node.name}> cannot stand in <q:data>; it takes <q:header>, <q:column>, <q:field>, <q:transform> and inline records`,
        node.position,
      )
  }
  const text = texts.join('')
  return text.trim() === '' ? undefined : dedent(text)
}

/** `cache="true"` with an optional `ttl` duration (plain seconds, as upstream writes it). */
function readCache(a: AttributeReader, node: DataNode, ctx: SyntaxApi) {
  const cache = a.boolean('cache', false)
  const ttl = a.duration('ttl')
  if (cache) node.cache = { ttl: ttl ?? DEFAULT_CACHE_TTL_MS }
  else if (a.has('ttl'))
    ctx.report(ErrorCodes.PARSE_INVALID_STRUCTURE, 'Data ttl needs cache="true"', a.get('ttl')?.position)
}

/** A cached import lives 300 seconds unless `ttl` says otherwise (upstream's default). */
const DEFAULT_CACHE_TTL_MS = 300_000

/** The attributes of one format: CSV options for `csv`, `xpath` (required) for `xml`, none for the others. */
function readFormat(a: AttributeReader, node: DataNode, ctx: SyntaxApi) {
  for (const attribute of CSV_ATTRIBUTES) {
    if (node.dataType !== 'csv' && a.has(attribute)) misapplied(a, attribute, 'csv', ctx)
  }
  if (node.dataType !== 'xml' && a.has('xpath')) misapplied(a, 'xpath', 'xml', ctx)
  if (node.dataType === 'xml') {
    const xpath = xpathAttribute(a, 'xpath')
    if (xpath !== undefined) node.xpath = xpath
  }
  if (node.dataType !== 'csv') return
  const delimiter = character(a, 'delimiter', ',')
  const quote = character(a, 'quote', '"')
  const skipRows = a.integer(a.pick('skipRows', 'skip_rows'), { min: 0 }) ?? 0
  node.csv = { delimiter, quote, header: a.boolean('header', true), skipRows }
  if (delimiter === quote && a.valid('delimiter'))
    a.invalid(a.get('delimiter') ?? (a.get('quote') as XAttribute), 'Data delimiter and quote must differ')
}

/** A delimiter or quote: any non-empty text, `\t` for a tab. */
function character(a: AttributeReader, name: string, fallback: string): string {
  const value = a.string(name)
  if (value === undefined) return fallback
  if (value === '') {
    a.invalid(a.get(name) as XAttribute, `Data ${name} must not be empty`)
    return fallback
  }
  return value === '\\t' ? '\t' : value
}

function misapplied(a: AttributeReader, attribute: string, format: string, ctx: SyntaxApi) {
  ctx.report(
    ErrorCodes.PARSE_INVALID_STRUCTURE,
    `Data ${attribute} applies only to type="${format}"`,
    a.get(attribute)?.position,
  )
}

/** The children of one format (`q:column` for csv, `q:field` for xml); others are reported. */
function only<T extends ColumnNode | FieldNode>(
  nodes: T[],
  allowed: boolean,
  format: string,
  ctx: SyntaxApi,
): T[] {
  if (allowed) return nodes
  for (const node of nodes)
    ctx.report(
      ErrorCodes.PARSE_MISPLACED_TAG,
      `<q:${node.type}> belongs to a <q:data type="${format}">`,
      node.position,
    )
  return []
}

/** Columns or fields with distinct names: a second one of a name is reported. */
function unique<T extends ColumnNode | FieldNode>(nodes: T[], what: string, ctx: SyntaxApi): T[] {
  const seen = new Set<string>()
  for (const node of nodes) {
    if (seen.has(node.name))
      ctx.report(ErrorCodes.PARSE_INVALID_STRUCTURE, `duplicate ${what} '${node.name}'`, node.position)
    seen.add(node.name)
  }
  return nodes
}

/** True for a character set the runtime can decode (WHATWG encoding labels: `utf-8`, `latin1`, `utf-16le`…). */
function isEncoding(label: string): boolean {
  try {
    new TextDecoder(label.trim())
    return true
  } catch {
    return false
  }
}

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
