import { CliError, ErrorCodes, QuantumError } from '@quantum/ast'
import { createFolder } from '@quantum/store/sqlite'

/**
 * Creates the state folder (`--home`, `QUANTUM_HOME`) and its missing parents, or throws `CLI_HOME`
 * (exit 1) saying why, at once: a place that takes no new folders (`/proc`, `/sys`, read-only), a file.
 *
 * @param shown the folder as the user should read it (relative to the working directory when inside it)
 */
export function createStateFolder(home: string, shown: string): void {
  try {
    createFolder(home)
  } catch (error) {
    const reason = QuantumError.is(error) ? error.details?.reason : undefined
    const why = typeof reason === 'string' ? reason : error instanceof Error ? error.message : String(error)
    throw new CliError(ErrorCodes.CLI_HOME, `cannot create the state folder: ${why}`, {
      file: shown,
      cause: error,
    })
  }
}
