/**
 * The XML reader's worker thread (built to `dist/xmlThread.js`): parses one document, evaluates its
 * XPaths and posts what it found (`XmlReadResult`). It runs apart from the run so that an XPath of
 * polynomial cost can be stopped by terminating the thread (see `readXmlOffThread`).
 */
import { parentPort, workerData } from 'node:worker_threads'
import { DOMParser } from '@xmldom/xmldom'
import { type CompiledXPath, compileXPath } from './xpath'
import type { XmlReadRequest, XmlReadResult } from './xpathWorker'

/** The XPaths were checked before the thread started (`xpathProblem`), so they compile here. */
function compiled(text: string): CompiledXPath {
  const result = compileXPath(text)
  if ('problem' in result) throw new Error(result.problem)
  return result
}

/** A node set gives its first node's text (an element's whole text); nothing gives null. */
function fieldValue(result: unknown): unknown {
  if (!Array.isArray(result)) return result
  const first = result[0] as Node | undefined
  if (first === undefined) return null
  return first.nodeType === 1 || first.nodeType === 9 ? first.textContent : first.nodeValue
}

function read({ text, records, fields }: XmlReadRequest): XmlReadResult {
  let problem: string | undefined
  let document: Document
  try {
    const parser = new DOMParser({
      onError(level, message) {
        if (level === 'warning') return
        problem = message
        throw new Error(message)
      },
    })
    document = parser.parseFromString(text, 'text/xml') as unknown as Document
  } catch (error) {
    const where = (error as { locator?: { lineNumber?: number; columnNumber?: number } }).locator
    const point = where?.lineNumber ? { line: where.lineNumber, column: where.columnNumber || 1 } : {}
    return { malformed: { reason: problem ?? (error as Error).message, ...point } }
  }
  const selected = compiled(records).evaluate(document)
  if (!Array.isArray(selected)) return { notNodes: typeof selected }
  const fieldPaths = fields.map(compiled)
  return {
    records: (selected as Node[]).map((node) => {
      const line = (node as { lineNumber?: number }).lineNumber
      return {
        values: fieldPaths.map((field) => fieldValue(field.evaluate(node))),
        ...(line ? { line } : {}),
      }
    }),
  }
}

parentPort?.postMessage(read((workerData as { request: XmlReadRequest }).request))
