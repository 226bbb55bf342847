import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { CliError, type Document, ErrorCodes } from '@quantum/ast'
import { check } from '@quantum/parser'
import { formatDiagnostics } from './format/diagnostic'
import { type CliIO, useColor } from './io'
import { errorText, type Report } from './problems'

/** A parsed document and the text it came from (for code frames). */
export interface ReadDocument {
  document: Document
  source: string
}

/**
 * Read and parse `file` (relative to the working directory). An unreadable file (`CLI_FILE`) and every
 * parse problem go to stderr with a code frame, and the result is undefined.
 */
export async function readDocument(
  file: string,
  io: CliIO,
  report: Report,
): Promise<ReadDocument | undefined> {
  let source: string
  try {
    // The parser skips a byte-order mark; the code frame must see the same text.
    source = (await readFile(resolve(io.cwd, file), 'utf8')).replace(/^\uFEFF/, '')
  } catch (error) {
    report(new CliError(ErrorCodes.CLI_FILE, `cannot read file (${errorText(error)})`, { cause: error }))
    return undefined
  }
  const { document, diagnostics } = check(source, { file })
  if (diagnostics.length > 0 || !document) {
    const color = useColor(io.stderr, io.env)
    if (diagnostics.length > 0)
      io.stderr.write(`${formatDiagnostics(diagnostics, { file, color, source })}\n`)
    return undefined
  }
  return { document, source }
}
