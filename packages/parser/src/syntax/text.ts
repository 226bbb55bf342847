import { type Bindable, ErrorCodes, type Template, type TemplatePart } from '@quantum/ast'
import { fitted } from '../fitted'
import type { XElement, XNode } from '../xml/tree'
import type { SyntaxApi } from './api'

/**
 * The text of an element as a databound value, dedented: what `q:log`, `q:throw`, `q:body` and
 * `q:mail` take as content. With `markup`, HTML child elements are kept as written (a mail body);
 * `q:` children (attachments, a nested body) and comments are left out. Without it, an element child
 * is reported: the tag takes text only.
 */
export function elementText(
  element: XElement,
  ctx: SyntaxApi,
  options: { markup?: boolean; children?: readonly XNode[] } = {},
): Bindable | undefined {
  const children = options.children ?? element.children
  const elements = children.filter((child): child is XElement => child.kind === 'element')
  if (elements.length > 0 && options.markup) return markup(element, children, ctx)
  for (const child of elements) {
    ctx.report(
      ErrorCodes.PARSE_INVALID_STRUCTURE,
      `<${element.name}> takes text only; <${child.name}> is not allowed inside it`,
      child.position,
    )
  }
  const texts = children.filter((child) => child.kind === 'text')
  if (texts.every((child) => child.value.trim() === '')) return undefined
  const bound: Bindable[] = []
  for (const child of texts) {
    const value = child.cdata ? child.value : ctx.bind(child.value, child.locator)
    if (value === undefined) return undefined
    bound.push(value)
  }
  return dedent(join(bound))
}

/** The raw markup between the start and end tags, minus `q:` children and comments, databound. */
function markup(element: XElement, children: readonly XNode[], ctx: SyntaxApi): Bindable | undefined {
  const source = ctx.source
  const { start, end } = element.content
  const skipped: [number, number][] = children
    .filter((child) => child.kind === 'element' && child.quantum)
    .map((child) => [child.position.start.offset, child.position.end.offset])
  const kept = new Set(children)
  for (const other of element.children) {
    if (!kept.has(other) && other.kind === 'element') {
      skipped.push([other.position.start.offset, other.position.end.offset])
    }
  }
  const comments = /<!--[\s\S]*?-->/g
  comments.lastIndex = start
  for (let match = comments.exec(source); match && match.index < end; match = comments.exec(source)) {
    skipped.push([match.index, match.index + match[0].length])
  }
  skipped.sort((a, b) => a[0] - b[0])
  // Kept pieces, each with where it starts in the text and in the source.
  const pieces: { at: number; offset: number; text: string }[] = []
  let cursor = start
  let length = 0
  for (const [from, to] of [...skipped, [end, end] as [number, number]]) {
    if (from > cursor) {
      const text = source.slice(cursor, Math.min(from, end))
      pieces.push({ at: length, offset: cursor, text })
      length += text.length
    }
    cursor = Math.max(cursor, to)
  }
  const raw = pieces.map((piece) => piece.text).join('')
  const point = (index: number) => {
    // The last piece starting at or before `index`, by binary search: a body may have many pieces.
    let low = 0
    let high = pieces.length - 1
    while (low < high) {
      const middle = (low + high + 1) >> 1
      if ((pieces[middle]?.at ?? 0) <= index) low = middle
      else high = middle - 1
    }
    const piece = pieces[low]
    return ctx.point(piece ? piece.offset + index - piece.at : start)
  }
  return dedent(ctx.bind(raw, { point }))
}

/** One value from several (text split by a comment or a CDATA section). */
function join(values: Bindable[]): Bindable {
  if (values.length === 1) return values[0] as Bindable
  const parts: TemplatePart[] = []
  let position: Template['position']
  for (const value of values) {
    for (const part of typeof value === 'string' ? [value] : value.parts) {
      const last = parts[parts.length - 1]
      if (typeof part === 'string' && typeof last === 'string') parts[parts.length - 1] = last + part
      else parts.push(part)
    }
    if (typeof value !== 'string') position ??= value.position
  }
  if (parts.every((part) => typeof part === 'string')) return parts.join('')
  return position ? { type: 'template', parts, position } : { type: 'template', parts }
}

/**
 * Remove the blank lines around a block of text and the indentation its lines share, leaving
 * `{expr}` parts untouched.
 */
export function dedent<T extends Bindable | undefined>(value: T): T {
  if (value === undefined) return value
  const parts: TemplatePart[] = typeof value === 'string' ? [value] : [...value.parts]
  const flat = parts.map((part) => (typeof part === 'string' ? part : 'x')).join('')
  const body = flat.replace(/^\s*\n/, '')
  let indent = Number.POSITIVE_INFINITY
  for (const line of body.split('\n')) {
    if (line.trim() !== '') indent = Math.min(indent, (/^[ \t]*/.exec(line) as RegExpExecArray)[0].length)
  }
  const strip = Number.isFinite(indent) && indent > 0 ? new RegExp(`\\n[ \\t]{0,${indent}}`, 'g') : undefined
  const out: TemplatePart[] = []
  parts.forEach((part, i) => {
    if (typeof part !== 'string') {
      out.push(part)
      return
    }
    let text = i === 0 ? `\n${part.replace(/^\s*\n/, '')}` : part
    if (strip) text = text.replace(strip, '\n')
    if (i === 0) text = text.slice(1)
    if (i === parts.length - 1) text = text.trimEnd()
    if (text !== '') out.push(text)
  })
  if (typeof value === 'string') return (out[0] ?? '') as T
  if (out.length === 0) return '' as T
  return { ...(value as Template), parts: fitted(out) } as T
}
