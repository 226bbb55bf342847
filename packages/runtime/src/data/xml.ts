import type { FieldNode } from '@quantum/ast'
import { DOMParser } from '@xmldom/xmldom'
import { convertCell } from './convertCell'
import { malformed } from './errors'
import type { CompiledXPath } from './xpath'

/** What an XML source is read with: the records' XPath and each field's, already compiled. */
export interface XmlReading {
  label: string
  records: CompiledXPath
  fields: readonly { node: FieldNode; xpath: CompiledXPath }[]
  /** Called once per record read, before it is built (the run's step count). */
  charge(units: number): void
}

interface Located {
  lineNumber?: number
  columnNumber?: number
}

/**
 * The records of an XML document: one per node the records' XPath selects, each field the value its
 * XPath gives with that node as context (a node set gives its first node's text, nothing gives null),
 * converted to the field's type. xmldom reads the document; it expands no entity a DTD declares, so
 * neither external files nor entity bombs are reachable.
 *
 * @throws RuntimeError `RUNTIME_DATA_FORMAT` (not well-formed, at its line and column, or selecting
 *   no nodes), `RUNTIME_TYPE_ERROR` (a field that does not convert: record, field, expected type)
 */
export function xmlRecords(text: string, reading: XmlReading): Record<string, unknown>[] {
  let problem: string | undefined
  let document: Document
  try {
    document = new DOMParser({
      onError(level, message) {
        if (level === 'warning') return
        problem = message
        throw new Error(message)
      },
    }).parseFromString(text, 'text/xml') as unknown as Document
  } catch (error) {
    const where = (error as { locator?: Located }).locator
    const point = where?.lineNumber ? { line: where.lineNumber, column: where.columnNumber ?? 1 } : {}
    throw malformed('XML', reading.label, point, problem ?? (error as Error).message)
  }
  const selected = reading.records.evaluate(document)
  if (!Array.isArray(selected)) {
    throw malformed('XML', reading.label, {}, `the records' xpath gives a ${typeof selected}, not nodes`)
  }
  return selected.map((node: Node, index) => {
    reading.charge(1 + reading.fields.length)
    const record: Record<string, unknown> = {}
    for (const field of reading.fields) {
      const type = field.node.datatype
      record[field.node.name] = convertCell(fieldValue(field.xpath.evaluate(node)), type, () => ({
        source: reading.label,
        row: index + 1,
        ...((node as Located).lineNumber ? { line: (node as Located).lineNumber } : {}),
        column: field.node.name,
        expected: type,
      }))
    }
    return record
  })
}

/** A field's value: a node set's first node as text (an element's whole text), or the value itself. */
function fieldValue(result: unknown): unknown {
  if (!Array.isArray(result)) return result
  const first = result[0] as Node | undefined
  if (first === undefined) return null
  return first.nodeType === 1 || first.nodeType === 9 ? first.textContent : first.nodeValue
}
