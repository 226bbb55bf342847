import type { ErrorCode, Position } from '@quantum/ast'
import { codeFrame, frameOf, sourceLines } from './codeFrame'
import { palette } from './color'

/** What a diagnostic needs to be printed; a `QuantumError` is one. */
export interface DiagnosticLike {
  code: ErrorCode
  message: string
  position?: Position
  file?: string
  /** Small extra facts; `omitted` on a `PARSE_TOO_MANY_PROBLEMS` counts the problems it stands for. */
  details?: Record<string, unknown>
  /** A warning never fails a command. @defaultValue `'error'` */
  severity?: Severity
}

/** How serious a diagnostic is: an error fails the command, a warning does not. */
export type Severity = 'error' | 'warning'

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
 * `file:line:col: error CODE: message` (`warning` for a warning), then a {@link codeFrame} when both the source and a position
 * are known. Parts of the location that are unknown are left out. No trailing newline.
 */
export function formatDiagnostic(diagnostic: DiagnosticLike, options: FormatDiagnosticOptions = {}): string {
  const { source, color = false, contextLines = 1 } = options
  const head = headOf(diagnostic, options)
  if (source === undefined || !diagnostic.position) return head
  const frame = codeFrame(source, diagnostic.position, { contextLines, color })
  return frame ? `${head}\n${frame}` : head
}

/**
 * Every diagnostic of one file as {@link formatDiagnostic} prints it, except that diagnostics in a row
 * on the same line share one code frame, printed after their heads: the output grows with the lines at
 * fault, never with the number of problems on one line. No trailing newline.
 */
export function formatDiagnostics(
  diagnostics: readonly DiagnosticLike[],
  options: FormatDiagnosticOptions = {},
): string {
  const { source, color = false, contextLines = 1 } = options
  const lines = source === undefined ? undefined : sourceLines(source)
  const out: string[] = []
  for (let i = 0; i < diagnostics.length; ) {
    const line = diagnostics[i]?.position?.start.line
    const positions: Position[] = []
    do {
      const diagnostic = diagnostics[i] as DiagnosticLike
      out.push(headOf(diagnostic, options))
      if (diagnostic.position) positions.push(diagnostic.position)
      i++
    } while (line !== undefined && i < diagnostics.length && diagnostics[i]?.position?.start.line === line)
    const frame = lines && positions.length > 0 ? frameOf(lines, positions, { contextLines, color }) : ''
    if (frame) out.push(frame)
  }
  return out.join('\n')
}

/** `file:line:col: error CODE: message` (or `warning`). */
function headOf(diagnostic: DiagnosticLike, options: FormatDiagnosticOptions): string {
  const paint = palette(options.color ?? false)
  const file = diagnostic.file ?? options.file
  const point = diagnostic.position
    ? `${diagnostic.position.start.line}:${diagnostic.position.start.column}`
    : ''
  const location = [file, point].filter(Boolean).join(':')
  const severity = diagnostic.severity === 'warning' ? paint.yellow('warning') : paint.red('error')
  return `${paint.bold(location)}${location ? ': ' : ''}${severity} ${paint.bold(diagnostic.code)}: ${diagnostic.message}`
}
