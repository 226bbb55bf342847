/**
 * @packageDocumentation
 * The `quantum` command line (`check`, `run`), its configuration loader and the formatting it uses for
 * diagnostics and runs, callable in-process.
 */

export type { RunCommandOptions, RunFormat } from './commands/run'
export { runFile } from './commands/run'
export type { FilesConfig, LoadedConfig, QuantumConfig, ThreadsConfig } from './config'
export { loadConfig } from './config'
export type { CodeFrameOptions } from './format/codeFrame'
export { codeFrame } from './format/codeFrame'
export type { DiagnosticLike, FormatDiagnosticOptions } from './format/diagnostic'
export { formatDiagnostic, formatDiagnostics } from './format/diagnostic'
export type { RunJson } from './format/runResult'
export { formatRunJson, formatRunText, runJson } from './format/runResult'
export type { GlobalOptions } from './globalOptions'
export { resolveGlobalOptions } from './globalOptions'
export type { CliIO, OutputStream } from './io'
export { main } from './main'
