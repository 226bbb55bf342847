import type { Stats } from 'node:fs'
import { constants } from 'node:fs'
import { type FileHandle, open } from 'node:fs/promises'
import { QuantumError } from '@quantum/ast'
import { fileReadAborted, fileTooLarge, fileUnreadable, notRegularFile } from './errors'

/** Bytes read per call: the signal is checked between chunks. */
const CHUNK = 1 << 20

// O_NONBLOCK: opening a FIFO must not wait for a writer; O_NOFOLLOW: the checked real path must not
// have become a symlink since. Both are 0 where the platform lacks them.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0)

/** A regular file opened for reading, and what `fstat` said of it. */
export interface OpenedFile {
  handle: FileHandle
  stat: Stats
}

/**
 * Open the regular file at `real` (its checked real path) for reading. A device, FIFO or socket
 * (`/dev/zero`, a pipe) is refused before a byte is read: its size says nothing about how much it
 * would give.
 *
 * @throws RuntimeError `RUNTIME_FILE_ACCESS` (not a regular file), `RUNTIME_ABORTED` (the signal
 *   fired), `RUNTIME_FILE` (it cannot be opened)
 */
export async function openRegular(
  what: string,
  written: string,
  real: string,
  signal: AbortSignal | undefined,
): Promise<OpenedFile> {
  if (signal?.aborted) throw fileReadAborted(written)
  let handle: FileHandle
  try {
    handle = await open(real, OPEN_FLAGS)
  } catch (error) {
    throw fileUnreadable(written, real, error)
  }
  try {
    const stat = await handle.stat()
    if (!stat.isFile()) {
      throw notRegularFile(what, written, real)
    }
    return { handle, stat }
  } catch (error) {
    await handle.close()
    throw QuantumError.is(error) ? error : fileUnreadable(written, real, error)
  }
}

/**
 * The bytes of the regular file a program named `written` (`what` says what it is in errors), at its
 * real path `real` (already checked by the rules): at most `maxBytes` of them, read in chunks so the
 * signal can stop a slow read. Only a regular file is opened ({@link openRegular}).
 *
 * @throws RuntimeError `RUNTIME_FILE_ACCESS` (not a regular file), `RUNTIME_LIMIT_EXCEEDED` (too
 *   large), `RUNTIME_ABORTED` (the signal fired), `RUNTIME_FILE` (the read failed)
 */
export async function readBounded(
  what: string,
  written: string,
  real: string,
  maxBytes: number,
  signal: AbortSignal | undefined,
): Promise<Buffer> {
  const { handle, stat } = await openRegular(what, written, real, signal)
  try {
    if (stat.size > maxBytes) throw fileTooLarge(written, stat.size, maxBytes)
    // One byte more than the size shows a file that grew since stat.
    const buffer = Buffer.allocUnsafe(Math.min(stat.size + 1, maxBytes + 1))
    let filled = 0
    while (filled < buffer.length) {
      if (signal?.aborted) throw fileReadAborted(written)
      const { bytesRead } = await handle.read(buffer, filled, Math.min(CHUNK, buffer.length - filled), filled)
      if (bytesRead === 0) break
      filled += bytesRead
    }
    if (filled > maxBytes) throw fileTooLarge(written, filled, maxBytes)
    return buffer.subarray(0, filled)
  } catch (error) {
    throw QuantumError.is(error) ? error : fileUnreadable(written, real, error)
  } finally {
    await handle.close()
  }
}
