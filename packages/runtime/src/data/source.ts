import type { DataNode } from '@quantum/ast'
import { textOf } from '../expression/template'
import { andThen, type MaybePromise, sequence } from '../maybe'
import type { Context } from '../scope/context'

/** Where the records of one `q:data` come from, once its source is bound. */
export type DataSource =
  | { kind: 'records'; records: unknown[]; label: string }
  | { kind: 'text'; text: string; label: string }
  | { kind: 'file'; path: string; label: string }
  | { kind: 'url'; url: string; label: string; headers: Record<string, string> }

const URL_SCHEME = /^https?:\/\//i

/**
 * Tell a source apart: the element's text or text that spans lines or starts with `[`, `{` or `<`
 * is the content itself; other text is an `http(s)` URL or a file path; an array is the records.
 * Anything else is returned as `undefined` (the caller says what it needed).
 */
export function classifySource(node: DataNode, value: unknown, label: string): DataSource | undefined {
  if (node.content !== undefined) return { kind: 'text', text: node.content, label: 'inline' }
  if (Array.isArray(value)) return { kind: 'records', records: value, label }
  if (typeof value !== 'string') return undefined
  if (node.dataType === 'transform' || node.dataType === 'array' || isContent(value)) {
    return { kind: 'text', text: value, label: typeof node.source === 'string' ? 'inline' : label }
  }
  const location = value.trim()
  return URL_SCHEME.test(location)
    ? { kind: 'url', url: location, label: location, headers: {} }
    : { kind: 'file', path: location, label: location }
}

function isContent(text: string): boolean {
  return /[\r\n]/.test(text.trim()) || /^\s*[[{<]/.test(text)
}

/** A URL source with its `q:header` values bound; any other source as it is. */
export function withHeaders(node: DataNode, source: DataSource, ctx: Context): MaybePromise<DataSource> {
  if (source.kind !== 'url' || !node.headers?.length) return source
  const pairs = node.headers.map(
    (header) => () => andThen(textOf(header.value, ctx), (value) => [header.name, value] as const),
  )
  return andThen(sequence(pairs), (bound) => ({ ...source, headers: Object.fromEntries(bound) }))
}
