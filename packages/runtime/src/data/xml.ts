import type { FieldNode } from '@quantum/ast'
import { convertCell } from './convertCell'
import { malformed } from './errors'
import { readXmlOffThread } from './xpathWorker'

/** What an XML source is read with: the records' XPath and each field's, already checked. */
export interface XmlReading {
  label: string
  records: string
  fields: readonly { node: FieldNode; xpath: string }[]
  /** Called once per record read, before it is built (the run's step count). */
  charge(units: number): void
  /** The run's signal: it stops the reading (see `readXmlOffThread`). */
  signal: AbortSignal | undefined
}

/**
 * The records of an XML document: one per node the records' XPath selects, each field the value its
 * XPath gives with that node as context (a node set gives its first node's text, nothing gives null),
 * converted to the field's type. xmldom reads the document; it expands no entity a DTD declares, so
 * neither external files nor entity bombs are reachable. Parsing and XPath run on a worker thread
 * that the run's signal (its wall time among others) terminates.
 *
 * @throws RuntimeError `RUNTIME_DATA_FORMAT` (not well-formed, at its line and column, or selecting
 *   no nodes), `RUNTIME_TYPE_ERROR` (a field that does not convert: record, field, expected type),
 *   `RUNTIME_ABORTED` (the signal fired)
 */
export async function xmlRecords(text: string, reading: XmlReading): Promise<Record<string, unknown>[]> {
  const request = { text, records: reading.records, fields: reading.fields.map((field) => field.xpath) }
  const read = await readXmlOffThread(request, reading.label, reading.signal)
  if ('malformed' in read) {
    const { reason, ...point } = read.malformed
    throw malformed('XML', reading.label, point, reason)
  }
  if ('notNodes' in read) {
    throw malformed('XML', reading.label, {}, `the records' xpath gives a ${read.notNodes}, not nodes`)
  }
  return read.records.map((found, index) => {
    reading.charge(1 + reading.fields.length)
    const record: Record<string, unknown> = {}
    reading.fields.forEach((field, i) => {
      const type = field.node.datatype
      record[field.node.name] = convertCell(found.values[i], type, () => ({
        source: reading.label,
        row: index + 1,
        ...(found.line ? { line: found.line } : {}),
        column: field.node.name,
        expected: type,
      }))
    })
    return record
  })
}
