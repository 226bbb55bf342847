import { resolve } from 'node:path'
import type { Document } from '@quantum/ast'
import { check } from '@quantum/parser'
import { formatDiagnostics } from './format/diagnostic'
import { type CliIO, useColor } from './io'
import type { Report } from './problems'
import { readSource } from './readSource'

/** A parsed document and the text it came from (for code frames). */
export interface ReadDocument {
  document: Document
  source: string
}

/** How {@link readDocument} reports, and the largest file it reads (`parser.maxSourceBytes`). */
export interface ReadDocumentOptions {
  report: Report
  maxSourceBytes?: number
}

/**
 * Read and parse `file` (relative to the working directory). A file too large (`PARSE_SOURCE_TOO_LARGE`,
 * refused before it is read) or unreadable (`CLI_FILE`), and every parse problem, go to stderr with a
 * code frame, and the result is undefined.
 */
export async function readDocument(
  file: string,
  io: CliIO,
  options: ReadDocumentOptions,
): Promise<ReadDocument | undefined> {
  const read = await readSource(resolve(io.cwd, file), file, options.maxSourceBytes)
  if (!read.ok) {
    options.report(read.error)
    return undefined
  }
  const { source } = read
  const { document, diagnostics } = check(source, { file, maxSourceBytes: options.maxSourceBytes })
  if (diagnostics.length > 0 || !document) {
    const color = useColor(io.stderr, io.env)
    if (diagnostics.length > 0)
      io.stderr.write(`${formatDiagnostics(diagnostics, { file, color, source })}\n`)
    return undefined
  }
  return { document, source }
}
