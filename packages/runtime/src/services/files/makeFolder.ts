import { mkdirSync, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { ErrorCodes, RuntimeError } from '@quantum/ast'

/**
 * Creates the folder at `path` and its missing parents one level at a time, or throws
 * `RUNTIME_FILE` naming it and saying why. Node's `mkdir` with `recursive` loops forever where a
 * folder exists yet refuses a child with `ENOENT` (anywhere under `/proc`); a plain `mkdir` refuses
 * at once. (`@quantum/store` makes the state folder the same way; the runtime cannot import it.)
 */
export function makeFolder(path: string): void {
  const folder = resolve(path)
  const missing: string[] = []
  let at = folder
  while (!isFolder(at)) {
    if (dirname(at) === at) throw cannotMake(folder, `${at} does not exist`)
    missing.unshift(at)
    at = dirname(at)
  }
  for (const level of missing) {
    try {
      mkdirSync(level)
    } catch (error) {
      if (isFolder(level)) continue // another process made it first
      const code = (error as { code?: unknown } | null)?.code
      throw cannotMake(folder, `${dirname(level)} takes no folder ${level} (${String(code)})`, error)
    }
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory()
  } catch {
    return false
  }
}

function cannotMake(folder: string, reason: string, cause?: unknown): RuntimeError {
  return new RuntimeError(ErrorCodes.RUNTIME_FILE, `Cannot create the folder ${folder}: ${reason}`, {
    details: { path: folder, reason },
    ...(cause === undefined ? {} : { cause }),
  })
}
