import { stat } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import type { FileRequest, FileStat, Files } from '../types'
import { Confinement } from './confine'
import { fileUnreadable, notRegularFile } from './errors'
import { readBounded } from './readBounded'
import { streamFile } from './streamFile'

/** The largest file a program may read when the host sets no cap: 25 MiB, a common mail size limit. */
export const DEFAULT_MAX_READ_BYTES = 25 * 1024 * 1024

/** Where a program may reach files. */
export interface FilesOptions {
  /**
   * Absolute folders a program may read and write: its app folder first (relative paths of a run
   * without a document resolve against it), then the configured `files.roots`.
   */
  roots: string[]
  /** Absolute folders no program may reach, even inside a root: the state folder. */
  denied?: string[]
  /** The folder a document's relative file name is relative to (the CLI's working directory); default: the first root. */
  base?: string
  /** Most bytes one read returns. @defaultValue {@link DEFAULT_MAX_READ_BYTES} */
  maxReadBytes?: number
}

/**
 * The {@link Files} service: confines every path a program names to `roots` (minus `denied`) and
 * bounds whole reads by size and by the run's signal (streamed reads by the signal alone).
 */
export function createFiles(options: FilesOptions): Files {
  const roots = options.roots.map((root) => resolve(root))
  const confinement = new Confinement(
    roots,
    (options.denied ?? []).map((folder) => resolve(folder)),
  )
  const maxBytes = options.maxReadBytes ?? DEFAULT_MAX_READ_BYTES
  const absolute = (request: FileRequest): string => {
    const base = options.base ?? roots[0] ?? resolve('/')
    const folder = request.from === undefined ? (roots[0] ?? base) : dirname(resolve(base, request.from))
    return resolve(folder, request.path)
  }
  return {
    async read(request) {
      const what = request.purpose ?? 'File'
      const real = await confinement.check(what, request.path, absolute(request), false)
      return { path: real, content: await readBounded(what, request.path, real, maxBytes, request.signal) }
    },
    async stat(request) {
      const what = request.purpose ?? 'File'
      const real = await confinement.check(what, request.path, absolute(request), false)
      return statRegular(what, request.path, real)
    },
    async stream(request) {
      const what = request.purpose ?? 'File'
      const real = await confinement.check(what, request.path, absolute(request), false)
      return streamFile(what, request.path, real, request.signal, request.capped ? maxBytes : undefined)
    },
    resolveWritable(request) {
      return confinement.check(request.purpose ?? 'File', request.path, absolute(request), true)
    },
  }
}

async function statRegular(what: string, written: string, real: string): Promise<FileStat> {
  let found: Awaited<ReturnType<typeof stat>>
  try {
    found = await stat(real)
  } catch (error) {
    throw fileUnreadable(written, real, error)
  }
  if (!found.isFile()) {
    throw notRegularFile(what, written, real)
  }
  return { path: real, size: found.size, modifiedMs: found.mtimeMs }
}
