import { QuantumError } from '@quantum/ast'
import type { FileStream } from '../types'
import { fileReadAborted, fileUnreadable } from './errors'
import { openRegular } from './readBounded'

/** Bytes per chunk: small enough that a reader that stops early (a limit reached) has read little more. */
const STREAM_CHUNK = 64 * 1024

/**
 * The regular file a program named `written`, at its checked real path `real`, opened to be read
 * chunk by chunk: only one chunk is in memory at a time, so its size is not capped; the signal is
 * checked before each chunk.
 */
export async function streamFile(
  what: string,
  written: string,
  real: string,
  signal: AbortSignal | undefined,
): Promise<FileStream> {
  const { handle, stat } = await openRegular(what, written, real, signal)
  let closed: Promise<void> | undefined
  const close = () => {
    closed ??= handle.close()
    return closed
  }
  async function* chunks(): AsyncGenerator<Buffer> {
    try {
      for (;;) {
        if (signal?.aborted) throw fileReadAborted(written)
        // A fresh buffer per chunk: the consumer may keep slices of it.
        const buffer = Buffer.allocUnsafe(STREAM_CHUNK)
        const { bytesRead } = await handle.read(buffer, 0, STREAM_CHUNK, null)
        if (bytesRead === 0) return
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
