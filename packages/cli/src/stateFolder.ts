import { CliError, ErrorCodes, QuantumError } from '@quantum/ast'
import { createFolder } from '@quantum/store/sqlite'
import type { GlobalOptions } from './globalOptions'
import { displayPath, shownFolder } from './problems'

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

/**
 * The state folder and why it is the one in use, as `jobs list` and `worker start` print it:
 * `.quantum (found walking up)`, `/srv/shop/.quantum (from /srv/shop/quantum.config.json)`.
 */
export function stateFolderText(globals: GlobalOptions, cwd: string): string {
  return `${shownFolder(globals.home, { cwd })} (${homeReason(globals, cwd)})`
}

function homeReason({ homeFrom }: GlobalOptions, cwd: string): string {
  switch (homeFrom?.kind) {
    case undefined:
    case 'flag':
      return '--home'
    case 'env':
      return 'QUANTUM_HOME'
    case 'config':
      return `from ${displayPath(homeFrom.file, cwd)}`
    case 'found':
      return 'found walking up'
    case 'default':
      return 'default: none found walking up'
  }
}
