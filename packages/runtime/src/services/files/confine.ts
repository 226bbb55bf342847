import { realpath } from 'node:fs/promises'
import { basename, dirname, isAbsolute, relative, resolve, sep } from 'node:path'
import { fileAccessDenied, fileUnreadable } from './errors'

/** True when `path` is `folder` or inside it (both absolute and normalised). */
export function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path)
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel))
}

/** The folder's real path, or the folder as given when it does not exist (nothing is inside it yet). */
async function realFolder(folder: string): Promise<string> {
  try {
    return await realpath(folder)
  } catch {
    return folder
  }
}

/**
 * The rules a program's paths are held to: inside one of `roots`, never inside `denied`, checked on
 * the path as written (after `..` is resolved) and again on its real path, so a symlink cannot lead out.
 */
export class Confinement {
  private real: Promise<{ roots: string[]; denied: string[] }> | undefined

  constructor(
    readonly roots: readonly string[],
    readonly denied: readonly string[],
  ) {}

  /**
   * The real path of `absolute` once both checks pass. With `mayCreate` the file need not exist (its
   * folder must): the real path is the folder's real path and the file's name.
   *
   * @throws RuntimeError `RUNTIME_FILE_ACCESS` naming the path and the rule, or `RUNTIME_FILE` when the
   *   file (or, with `mayCreate`, its folder) does not exist
   */
  async check(what: string, written: string, absolute: string, mayCreate: boolean): Promise<string> {
    this.refuse(what, written, absolute, this.roots, this.denied)
    let real: string
    try {
      real = await realpath(absolute)
    } catch (error) {
      if (!mayCreate || (error as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw fileUnreadable(written, absolute, error)
      }
      try {
        real = resolve(await realpath(dirname(absolute)), basename(absolute))
      } catch (folderError) {
        throw fileUnreadable(written, absolute, folderError)
      }
    }
    this.real ??= Promise.all([
      Promise.all(this.roots.map(realFolder)),
      Promise.all(this.denied.map(realFolder)),
    ]).then(([roots, denied]) => ({ roots, denied }))
    const { roots, denied } = await this.real
    this.refuse(what, written, real, roots, denied, real !== absolute)
    return real
  }

  private refuse(
    what: string,
    written: string,
    path: string,
    roots: readonly string[],
    denied: readonly string[],
    linked = false,
  ): void {
    const leads = linked ? `it leads to '${path}', and ` : path === written ? '' : `it is '${path}', and `
    if (denied.some((folder) => isInside(path, folder))) {
      throw fileAccessDenied(
        what,
        written,
        `${leads}the state folder is never reachable from a program`,
        'state-folder',
        { resolved: path },
      )
    }
    if (!roots.some((folder) => isInside(path, folder))) {
      const why =
        roots.length === 0
          ? 'no folder is open to programs (no app folder and no files.roots)'
          : `${leads}a program reaches only files inside its app folder and files.roots`
      throw fileAccessDenied(what, written, why, 'files.roots', { resolved: path, roots: [...roots] })
    }
  }
}
