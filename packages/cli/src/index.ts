/**
 * @packageDocumentation
 * The `quantum` command line, and the formatting it uses for diagnostics, callable in-process.
 */

export type { CodeFrameOptions } from './format/codeFrame'
export { codeFrame } from './format/codeFrame'
export type { DiagnosticLike, FormatDiagnosticOptions } from './format/diagnostic'
export { formatDiagnostic } from './format/diagnostic'
export type { CliIO, OutputStream } from './io'
export { main } from './main'
