import type { ErrorCode, Position } from '@quantum/ast'
import { codeFrame } from './codeFrame'
import { palette } from './color'

/** What a diagnostic needs to be printed; a `QuantumError` is one. */
export interface DiagnosticLike {
  code: ErrorCode
  message: string
  position?: Position
  file?: string
}

/** Options of {@link formatDiagnostic}. */
export interface FormatDiagnosticOptions {
  /** The file's text; without it no code frame is printed. */
  source?: string
  /** Shown when the diagnostic has no `file` of its own. */
  file?: string
  /** Lines of context around the code frame. @defaultValue 1 */
  contextLines?: number
  /** Use ANSI colours. @defaultValue false */
  color?: boolean
}

/**
 * `file:line:col: error CODE: message`, then a {@link codeFrame} when both the source and a position
 * are known. Parts of the location that are unknown are left out. No trailing newline.
 */
export function formatDiagnostic(diagnostic: DiagnosticLike, options: FormatDiagnosticOptions = {}): string {
  const { source, color = false, contextLines = 1 } = options
  const paint = palette(color)
  const file = diagnostic.file ?? options.file
  const point = diagnostic.position
    ? `${diagnostic.position.start.line}:${diagnostic.position.start.column}`
    : ''
  const location = [file, point].filter(Boolean).join(':')
  const head = `${paint.bold(location)}${location ? ': ' : ''}${paint.red('error')} ${paint.bold(diagnostic.code)}: ${diagnostic.message}`
  if (source === undefined || !diagnostic.position) return head
  const frame = codeFrame(source, diagnostic.position, { contextLines, color })
  return frame ? `${head}\n${frame}` : head
}
