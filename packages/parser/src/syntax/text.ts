import type { Bindable, Template, TemplatePart } from '@quantum/ast'
import type { XElement } from '../xml/tree'
import type { SyntaxContext } from './context'

/**
 * The text of an element as a databound value, dedented: what `q:log`, `q:body` and `q:mail` take
 * as content. With `markup`, child elements are kept as written (an HTML mail body).
 */
export function elementText(
  element: XElement,
  ctx: SyntaxContext,
  options: { markup?: boolean } = {},
): Bindable | undefined {
  const children = element.children
  const first = children[0]
  const last = children[children.length - 1]
  if (!first || !last) return undefined
  const hasElements = children.some((child) => child.kind === 'element')
  if (hasElements && options.markup) {
    // Everything between the start and end tags, so the first line keeps its indentation for dedent.
    const start = startTagEnd(ctx.source, element.position.start.offset)
    const end = ctx.source.lastIndexOf('</', element.position.end.offset)
    const raw = ctx.source.slice(start, Math.max(start, end))
    const base = pointAt(ctx.source, element.position.start, start)
    return dedent(ctx.bind(raw, { point: (index) => pointAfter(raw, base, index) }))
  }
  const texts = children.filter((child) => child.kind === 'text')
  if (texts.length === 1 && texts[0] && !texts[0].cdata) {
    return dedent(ctx.bind(texts[0].value, texts[0].locator))
  }
  const joined = texts.map((child) => child.value).join('')
  return joined.trim() === '' ? undefined : dedent(joined)
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
  const indent = Math.min(
    ...body
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => (/^[ \t]*/.exec(line) as RegExpExecArray)[0].length),
  )
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
  return { ...(value as Template), parts: out } as T
}

function pointAfter(raw: string, base: { line: number; column: number; offset: number }, index: number) {
  let { line, column } = base
  for (let i = 0; i < index && i < raw.length; i++) {
    if (raw.charCodeAt(i) === 10) {
      line++
      column = 1
    } else {
      column++
    }
  }
  return { line, column, offset: base.offset + index }
}

/** The offset just after the `>` that ends the start tag at `from` (quotes respected). */
function startTagEnd(source: string, from: number): number {
  let quote = ''
  for (let i = from; i < source.length; i++) {
    const ch = source[i]
    if (quote) {
      if (ch === quote) quote = ''
    } else if (ch === '"' || ch === "'") quote = ch
    else if (ch === '>') return i + 1
  }
  return source.length
}

/** The point of `offset`, walking forward from `base` (which is at `base.offset`). */
function pointAt(source: string, base: { line: number; column: number; offset: number }, offset: number) {
  return pointAfter(source.slice(base.offset, offset), base, offset - base.offset)
}
