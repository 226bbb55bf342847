import { type Stats, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { CONFIG_FILE_NAME } from './config'

/** The state folder's name in a project folder. */
export const STATE_FOLDER_NAME = '.quantum'

/** A project folder found walking up: it holds a `quantum.config.json`, a `.quantum` folder, or both. */
export interface Project {
  /** Absolute path of its `.quantum` folder (which may not exist yet). */
  home: string
  /** Absolute path of its `quantum.config.json`, when it has one. */
  config?: string
}

/**
 * The nearest folder, from `cwd` up to the root, that holds a `quantum.config.json` file or a `.quantum`
 * folder, as git finds `.git`; undefined when none does.
 */
export function findProject(cwd: string): Project | undefined {
  for (let folder = cwd; ; folder = dirname(folder)) {
    const config = join(folder, CONFIG_FILE_NAME)
    const home = join(folder, STATE_FOLDER_NAME)
    if (entry(config)?.isFile()) return { home, config }
    if (entry(home)?.isDirectory()) return { home }
    if (dirname(folder) === folder) return undefined
  }
}

/** What is at `path`; undefined when nothing is, or it cannot be seen (a folder without permission). */
function entry(path: string): Stats | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false })
  } catch {
    return undefined
  }
}
