import { mkdirSync, type Stats, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { storeUnavailable } from '../internal/errors'

/**
 * Creates the folder at `path` and its missing parents, one level at a time, or throws a
 * `STORE_UNAVAILABLE` error naming it and saying why (`details.reason`). Node's `mkdir` with
 * `recursive` loops forever where a folder exists yet refuses a child with `ENOENT` (anywhere under
 * `/proc`), so each missing level is made on its own and any refusal is final.
 *
 * @throws QuantumError `STORE_UNAVAILABLE` when a parent is a file, or the place takes no new folders
 */
export function createFolder(path: string): void {
  const folder = resolve(path)
  const missing: string[] = []
  for (let at = folder; ; at = dirname(at)) {
    const stats = look(folder, at)
    if (stats?.isDirectory()) break
    if (stats) throw cannotCreate(folder, at === folder ? 'it is a file' : `${at} is a file, not a folder`)
    // The root always exists; a path that reaches it missing is not one this system can have.
    if (dirname(at) === at) throw cannotCreate(folder, `${at} does not exist`)
    missing.push(at)
  }
  for (const level of missing.reverse()) {
    try {
      mkdirSync(level)
    } catch (error) {
      // Another process made it first.
      if (look(folder, level)?.isDirectory()) continue
      throw cannotCreate(folder, refusal(level, error), error)
    }
  }
}

/** What is at `at`, undefined when nothing is (or a parent is a file: the walk up finds it). */
function look(folder: string, at: string): Stats | undefined {
  try {
    return statSync(at)
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined
    throw cannotCreate(folder, `${at}: ${error instanceof Error ? error.message : String(error)}`, error)
  }
}

/** Why `mkdir` refused `level`, in words (its parent exists: the loop made or found it). */
function refusal(level: string, error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code
  const parent = dirname(level)
  if (code === 'ENOENT') return `${parent} takes no new folders (${String(code)})`
  if (code === 'EROFS') return `${parent} is on a read-only file system (EROFS)`
  if (code === 'EACCES' || code === 'EPERM') return `no permission to create folders in ${parent} (${code})`
  return `${level}: ${error instanceof Error ? error.message : String(error)}`
}

function cannotCreate(folder: string, reason: string, cause?: unknown) {
  return storeUnavailable(`Cannot create the folder ${folder}: ${reason}`, { path: folder, reason }, cause)
}
