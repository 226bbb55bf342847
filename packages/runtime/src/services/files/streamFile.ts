import { QuantumError } from '@quantum/ast'
import type { FileStream } from '../types'
import { fileReadAborted, fileTooLarge, fileUnreadable } from './errors'
import { openRegular } from './readBounded'

/** Bytes per chunk: small enough that a reader that stops early (a limit reached) has read little more. */
const STREAM_CHUNK = 64 * 1024

/**
 * The regular file a program named `written`, at its checked real path `real`, opened to be read
 * chunk by chunk: only one chunk is in memory at a time, so its size is not capped unless `maxBytes`
 * is given (then a larger file is refused when opened, and one that grows past it fails as it is read);
 * the signal is checked before each chunk.
 */
export async function streamFile(
  what: string,
  written: string,
  real: string,
  signal: AbortSignal | undefined,
  maxBytes?: number,
): Promise<FileStream> {
  const { handle, stat } = await openRegular(what, written, real, signal)
  if (maxBytes !== undefined && stat.size > maxBytes) {
    await handle.close()
    throw fileTooLarge(written, stat.size, maxBytes)
  }
  let closed: Promise<void> | undefined
  const close = () => {
    closed ??= handle.close()
    return closed
  }
  async function* chunks(): AsyncGenerator<Buffer> {
    let read = 0
    try {
      for (;;) {
        if (signal?.aborted) throw fileReadAborted(written)
        // A fresh buffer per chunk: the consumer may keep slices of it.
        const buffer = Buffer.allocUnsafe(STREAM_CHUNK)
        const { bytesRead } = await handle.read(buffer, 0, STREAM_CHUNK, null)
        if (bytesRead === 0) return
        read += bytesRead
        if (maxBytes !== undefined && read > maxBytes) throw fileTooLarge(written, read, maxBytes)
        yield buffer.subarray(0, bytesRead)
      }
    } catch (error) {
      throw QuantumError.is(error) ? error : fileUnreadable(written, real, error)
    } finally {
      await close()
    }
  }
  return { path: real, size: stat.size, modifiedMs: stat.mtimeMs, chunks: chunks(), close }
}
