import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { CliError, ErrorCodes } from '@quantum/ast'
import type { Runtime } from '@quantum/runtime'
import type { CliIO } from '../io'
import { asDiagnostic, diagnosticSource, displayPath, errorText, stderrReport } from '../problems'
import { readDocument } from '../readDocument'

/**
 * The `.q` files directly in `folder` (not in its subfolders such as `components/`), as absolute paths
 * in name order.
 *
 * @throws CliError `CLI_FILE` when the folder cannot be read
 */
export async function appFiles(folder: string): Promise<string[]> {
  try {
    const entries = await readdir(folder, { withFileTypes: true })
    return entries
      .filter((entry) => entry.isFile() && entry.name.endsWith('.q'))
      .map((entry) => join(folder, entry.name))
      .sort()
  } catch (error) {
    throw new CliError(ErrorCodes.CLI_FILE, `cannot read the app folder (${errorText(error)})`, {
      file: folder,
      cause: error,
    })
  }
}

/**
 * Run the top level of one app file with `host.runtime` (its `q:schedule` tags register through the
 * runtime's schedule service). A file over `host.maxSourceBytes` is refused unread. Every problem goes to
 * stderr as `file:line:col: error CODE: message` with a code frame; none is thrown.
 *
 * @returns whether the file parsed and ran without error
 */
export async function runAppFile(
  path: string,
  host: { runtime: Runtime; maxSourceBytes?: number },
  io: CliIO,
): Promise<boolean> {
  const { runtime, maxSourceBytes } = host
  const file = displayPath(path, io.cwd)
  const report = stderrReport(io, file)
  const read = await readDocument(file, io, { report, maxSourceBytes })
  if (!read) return false
  try {
    await runtime.run(read.document, io.signal ? { signal: io.signal } : {})
    return true
  } catch (error) {
    const diagnostic = asDiagnostic(error)
    report(diagnostic, await diagnosticSource(diagnostic, file, read.source, io.cwd))
    return false
  }
}
