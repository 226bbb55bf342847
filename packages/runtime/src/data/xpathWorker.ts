import { existsSync } from 'node:fs'
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

/**
 * The worker script. Built, it sits next to the bundle in `dist`; run from `src` (the tests), the
 * built one is used, which a test run builds first.
 */
function threadFile(): URL {
  const beside = new URL('./xmlThread.js', import.meta.url)
  return existsSync(beside) ? beside : new URL('../../dist/xmlThread.js', import.meta.url)
}

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
  const worker = new Worker(threadFile(), { workerData: { request } })
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
