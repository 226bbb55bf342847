import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import { ErrorCodes, RuntimeError } from '@quantum/ast'

/** One record an XML document gave: its fields' raw values, in field order, and its line. */
export interface XmlRecord {
  values: unknown[]
  line?: number
}

/** What reading an XML document with its XPaths found. */
export type XmlReadResult =
  | { records: XmlRecord[] }
  | { malformed: { reason: string; line?: number; column?: number } }
  /** The records' XPath gave a value of this type instead of nodes. */
  | { notNodes: string }

/** What the worker is given: the document, the records' XPath and each field's (already checked). */
export interface XmlReadRequest {
  text: string
  records: string
  fields: readonly string[]
}

const require = createRequire(import.meta.url)

/**
 * The worker's program. It is plain JavaScript run with `eval` so that it needs no build step of its
 * own (the runtime's sources and its bundle start it alike); it evaluates nothing a program wrote but
 * the XPaths, with the `xpath` package. Names without a prefix match elements of any namespace, so
 * `//entry` finds the entries of a feed that declares a default namespace; a node set gives its first
 * node's text (an element's whole text), nothing gives null.
 */
const PROGRAM = `
const { parentPort, workerData } = require('node:worker_threads')
const { DOMParser } = require(workerData.xmldom)
const xpath = require(workerData.xpath)

function evaluate(parsed, node) {
  const value = parsed.evaluate({ node, allowAnyNamespaceForNoPrefix: true })
  if (value instanceof xpath.XNodeSet) return value.toArray()
  if (value instanceof xpath.XNumber) return value.numberValue()
  if (value instanceof xpath.XBoolean) return value.booleanValue()
  return value.stringValue()
}

function fieldValue(result) {
  if (!Array.isArray(result)) return result
  const first = result[0]
  if (first === undefined) return null
  return first.nodeType === 1 || first.nodeType === 9 ? first.textContent : first.nodeValue
}

function read({ text, records, fields }) {
  let problem
  let document
  try {
    const parser = new DOMParser({
      onError(level, message) {
        if (level === 'warning') return
        problem = message
        throw new Error(message)
      },
    })
    document = parser.parseFromString(text, 'text/xml')
  } catch (error) {
    const where = error.locator
    const point = where && where.lineNumber ? { line: where.lineNumber, column: where.columnNumber || 1 } : {}
    return { malformed: { reason: problem === undefined ? error.message : problem, ...point } }
  }
  const selected = evaluate(xpath.parse(records), document)
  if (!Array.isArray(selected)) return { notNodes: typeof selected }
  const compiled = fields.map((field) => xpath.parse(field))
  return {
    records: selected.map((node) => ({
      values: compiled.map((field) => fieldValue(evaluate(field, node))),
      ...(node.lineNumber ? { line: node.lineNumber } : {}),
    })),
  }
}

parentPort.postMessage(read(workerData.request))
`

/**
 * Parses an XML document and evaluates its XPaths on a worker thread of its own. One XPath can take
 * polynomial time on a small document (`//i[count(//i[count(//v) > 0]) > 0]`) and cannot be paused, so
 * it runs where it can be stopped: when `signal` aborts (the run's cancellation, SIGINT/SIGTERM, or
 * its wall time) the worker is terminated and the promise rejects with `RUNTIME_ABORTED`, while the
 * event loop stays free meanwhile.
 */
export function readXmlOffThread(
  request: XmlReadRequest,
  label: string,
  signal: AbortSignal | undefined,
): Promise<XmlReadResult> {
  if (signal?.aborted) return Promise.reject(aborted(label))
  const worker = new Worker(PROGRAM, {
    eval: true,
    workerData: { request, xmldom: require.resolve('@xmldom/xmldom'), xpath: require.resolve('xpath') },
  })
  return new Promise((resolve, reject) => {
    let outcome: { ok: true; value: XmlReadResult } | { ok: false; error: unknown } | undefined
    const onAbort = () => {
      outcome ??= { ok: false, error: aborted(label) }
      void worker.terminate()
    }
    signal?.addEventListener('abort', onAbort, { once: true })
    worker.once('message', (value: XmlReadResult) => {
      outcome ??= { ok: true, value }
    })
    worker.once('error', (error) => {
      outcome ??= { ok: false, error }
    })
    // Settled once the thread is gone, so that no run leaves one behind.
    worker.once('exit', (code) => {
      signal?.removeEventListener('abort', onAbort)
      if (outcome?.ok) resolve(outcome.value)
      else reject(outcome?.error ?? new Error(`the XML reader's worker stopped with exit code ${code}`))
    })
  })
}

function aborted(label: string): RuntimeError {
  return new RuntimeError(ErrorCodes.RUNTIME_ABORTED, `Reading the XML of '${label}' was aborted`, {
    details: { source: label },
  })
}
