import type { Bindable, Dynamic, Expression } from '../expression'
import type { DataType, NodeBase } from './base'
import type { ColumnNode } from './column'
import type { FieldNode } from './field'
import type { HeaderNode } from './header'

/** How `q:data` reads its records. */
export type DataFormat = 'json' | 'csv' | 'xml' | 'transform' | 'array'

/**
 * `<q:data name source|content [type]>`: records from a file, an `http(s)` URL, inline content or the
 * value of an expression, read as `type`, through an optional `q:transform`, into `name`.
 */
export interface DataNode extends NodeBase {
  type: 'data'
  name: string
  /**
   * A file path (relative to the document's folder), an `http(s)://` URL, or `{expr}`: its value is
   * the records (an array), or text (the content itself when it spans lines or starts with `[`, `{`
   * or `<`, else a path or URL). Absent when the records are written inline.
   */
  source?: Bindable
  /** The element's own text (often a CDATA section): the records written in the document, read literally. */
  content?: string
  dataType: DataFormat
  /** Variable that gets `{ success, recordCount, loadTime, source, cached, error }`; with it, a failure does not throw. */
  result?: string
  /** Present with `cache="true"`: keep the records read for `ttl` milliseconds (default 300 s) in the process. */
  cache?: { ttl: Dynamic<number> }
  /** The character set of a file or response (a WHATWG encoding label); UTF-8 when absent. */
  encoding?: string
  /** CSV only. */
  csv?: CsvOptions
  /** XML only: selects the record elements. */
  xpath?: string
  /** `q:header` children, sent with an `http(s)` source. */
  headers?: HeaderNode[]
  /** CSV only: the columns to type (and, without a header row, to name, in order). */
  columns?: ColumnNode[]
  /** XML only: the fields of each record. */
  fields?: FieldNode[]
  transform?: TransformNode
}

/** How a CSV source is split into records. */
export interface CsvOptions {
  /** Between fields; `,` by default. */
  delimiter: string
  /** Around fields that hold delimiters, quotes or line breaks; `"` by default (doubled inside). */
  quote: string
  /** Whether the first record names the fields (default true). */
  header: boolean
  /** Lines skipped before the first record (default 0). */
  skipRows: number
}

export interface TransformNode extends NodeBase {
  type: 'transform'
  steps: TransformStep[]
}

export type TransformStep = FilterNode | SortNode | LimitNode | ComputeNode

/** `<q:filter condition>`: keeps records for which the condition, evaluated with the record's fields, is true. */
export interface FilterNode extends NodeBase {
  type: 'filter'
  condition: Expression
}

/** `<q:sort by [order]>`. */
export interface SortNode extends NodeBase {
  type: 'sort'
  by: string
  order: 'asc' | 'desc'
}

/** `<q:limit value>`. */
export interface LimitNode extends NodeBase {
  type: 'limit'
  value: number
}

/** `<q:compute field expression [type]>` adds a field to each record. */
export interface ComputeNode extends NodeBase {
  type: 'compute'
  field: string
  expression: Expression
  datatype?: DataType
}
