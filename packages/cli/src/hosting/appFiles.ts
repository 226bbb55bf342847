import { readdir, stat } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { CliError, ErrorCodes } from '@quantum/ast'
import type { Runtime } from '@quantum/runtime'
import type { CliIO } from '../io'
import { asDiagnostic, diagnosticSource, displayPath, errorText, stderrReport } from '../problems'
import { readDocument } from '../readDocument'

/** An app given to `worker start --app`: the folder its services see, and the `.q` files to run first. */
export interface App {
  /** Absolute path of the app folder (a file's own folder). */
  folder: string
  /** Absolute paths, in name order. */
  files: string[]
}

/**
 * The app at `path`: a folder and the `.q` files directly in it (not in its subfolders such as
 * `components/`), or one file and the folder it is in.
 *
 * @throws CliError `CLI_FILE` when the path cannot be read
 */
export async function readApp(path: string): Promise<App> {
  try {
    if ((await stat(path)).isFile()) return { folder: dirname(path), files: [path] }
    const entries = await readdir(path, { withFileTypes: true })
    const files = entries
      .filter((entry) => entry.isFile() && entry.name.endsWith('.q'))
      .map((entry) => join(path, entry.name))
      .sort()
    return { folder: path, files }
  } catch (error) {
    throw new CliError(ErrorCodes.CLI_FILE, `cannot read the app folder (${errorText(error)})`, {
      file: path,
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
