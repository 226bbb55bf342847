import { ErrorCodes, RuntimeError } from '@quantum/ast'

/** The rule a refused path broke, named in the error's details. */
export type FileRule = 'files.roots' | 'state-folder' | 'regular-file' | 'sqlite.allowAttach'

/**
 * `RUNTIME_FILE_ACCESS`: `<what> '<path>' is refused: <why>`. `path` is the path as the program wrote
 * it; `resolved` (when it differs) is where it leads.
 */
export function fileAccessDenied(
  what: string,
  path: string,
  why: string,
  rule: FileRule,
  details: Record<string, unknown> = {},
): RuntimeError {
  return new RuntimeError(ErrorCodes.RUNTIME_FILE_ACCESS, `${what} '${path}' is refused: ${why}`, {
    details: { path, rule, ...details },
  })
}

/** `RUNTIME_FILE_ACCESS` (rule `regular-file`): a device, FIFO, socket or folder, whose size says nothing of what it would give. */
export function notRegularFile(what: string, path: string, resolved: string): RuntimeError {
  return fileAccessDenied(what, path, 'only regular files can be read, and this is not one', 'regular-file', {
    resolved,
  })
}

/** `RUNTIME_FILE`: a file the rules allow could not be read (missing, unreadable). */
export function fileUnreadable(path: string, resolved: string, error: unknown): RuntimeError {
  const code = (error as NodeJS.ErrnoException | null)?.code
  const reason =
    code === 'ENOENT'
      ? 'no such file'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'EISDIR'
          ? 'it is a folder'
          : error instanceof Error
            ? error.message
            : String(error)
  const where = resolved === path ? `'${path}'` : `'${path}' (${resolved})`
  return new RuntimeError(ErrorCodes.RUNTIME_FILE, `Cannot read ${where}: ${reason}`, {
    cause: error,
    details: code === undefined ? { path, resolved } : { path, resolved, errno: code },
  })
}

/** `RUNTIME_LIMIT_EXCEEDED`: a file larger than the read cap. */
export function fileTooLarge(path: string, size: number, maxBytes: number): RuntimeError {
  return new RuntimeError(
    ErrorCodes.RUNTIME_LIMIT_EXCEEDED,
    `Cannot read '${path}': it has ${size} bytes, more than the limit of ${maxBytes} (files.maxReadBytes)`,
    { details: { path, size, maxBytes } },
  )
}

/** `RUNTIME_ABORTED`: the run's signal fired while a file was being read. */
export function fileReadAborted(path: string): RuntimeError {
  return new RuntimeError(ErrorCodes.RUNTIME_ABORTED, `Reading '${path}' was aborted`, {
    details: { path },
  })
}
