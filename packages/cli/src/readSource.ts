import type { FileHandle } from 'node:fs/promises'
import { open } from 'node:fs/promises'
import { CliError, ErrorCodes, type QuantumError } from '@quantum/ast'
import { MAX_SOURCE_BYTES, sourceSizeError } from '@quantum/parser'
import { errorText } from './problems'

/** What one read of a `.q` file gave: its text (without a byte-order mark), or why there is none. */
export type SourceRead = { ok: true; source: string } | { ok: false; error: QuantumError }

const CHUNK = 64 * 1024

/**
 * Read the `.q` file at `path` (`file` names it in errors) for the parser. A file over `maxSourceBytes`
 * is refused with the parser's `PARSE_SOURCE_TOO_LARGE` from its size, before any of it is read (a pipe
 * or device, which has no size, once that many bytes have come); one that cannot be read gives `CLI_FILE`.
 */
export async function readSource(
  path: string,
  file: string,
  maxSourceBytes = MAX_SOURCE_BYTES,
): Promise<SourceRead> {
  let handle: FileHandle | undefined
  try {
    handle = await open(path, 'r')
    const { size } = await handle.stat()
    const tooLarge = sourceSizeError(size, { maxSourceBytes, file })
    if (tooLarge) return { ok: false, error: tooLarge }
    const chunks: Buffer[] = []
    let total = 0
    for (;;) {
      const { bytesRead, buffer } = await handle.read(Buffer.alloc(CHUNK), 0, CHUNK)
      if (bytesRead === 0) break
      total += bytesRead
      const grown = sourceSizeError(total, { maxSourceBytes, file })
      if (grown) return { ok: false, error: grown }
      chunks.push(buffer.subarray(0, bytesRead))
    }
    // The parser skips a byte-order mark; the code frame must see the same text.
    return {
      ok: true,
      source: Buffer.concat(chunks, total)
        .toString('utf8')
        .replace(/^\uFEFF/, ''),
    }
  } catch (error) {
    const message = `cannot read file (${errorText(error)})`
    return { ok: false, error: new CliError(ErrorCodes.CLI_FILE, message, { file, cause: error }) }
  } finally {
    await handle?.close()
  }
}
