import { ErrorCodes, ParseError } from '@quantum/ast'

/**
 * The largest `.q` source the parser reads, in UTF-8 bytes (5 MiB): far above any hand-written
 * document, and small enough that parsing one cannot exhaust a worker that loads many.
 */
export const MAX_SOURCE_BYTES = 5 * 1024 * 1024

/** Where a source's size limit comes from, and the file named in the error. */
export interface SourceSizeOptions {
  /** @defaultValue {@link MAX_SOURCE_BYTES} */
  maxSourceBytes?: number
  file?: string
}

/**
 * The `PARSE_SOURCE_TOO_LARGE` error for a source of `bytes` UTF-8 bytes when that is over the limit,
 * else undefined. A host that reads files calls it with a file's size before reading it, so that it
 * refuses a huge file at once, with the error the parser gives for the text.
 */
export function sourceSizeError(bytes: number, options: SourceSizeOptions = {}): ParseError | undefined {
  const { maxSourceBytes = MAX_SOURCE_BYTES, file } = options
  if (bytes <= maxSourceBytes) return undefined
  const message = `the source is ${bytes} bytes, over the limit of ${maxSourceBytes} bytes (maxSourceBytes)`
  const details = { bytes, maxSourceBytes }
  return new ParseError(
    ErrorCodes.PARSE_SOURCE_TOO_LARGE,
    message,
    file === undefined ? { details } : { file, details },
  )
}

/** {@link sourceSizeError} for a source already in memory; linear, and allocates nothing. */
export function textSizeError(text: string, options: SourceSizeOptions = {}): ParseError | undefined {
  // Every UTF-16 unit is at most three UTF-8 bytes: short texts need no count.
  if (text.length * 3 <= (options.maxSourceBytes ?? MAX_SOURCE_BYTES)) return undefined
  return sourceSizeError(utf8Length(text), options)
}

function utf8Length(text: string): number {
  let bytes = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x80) bytes += 1
    else if (code < 0x800) bytes += 2
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      // A surrogate pair: one four-byte character.
      bytes += 4
      i++
    } else bytes += 3
  }
  return bytes
}
