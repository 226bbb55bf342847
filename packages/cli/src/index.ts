/**
 * @packageDocumentation
 * The `quantum` command line (`check`, `run`, `jobs`, `cron next`), its configuration loader, the store
 * it opens, and the formatting it uses for diagnostics and runs, callable in-process.
 */

export type { RunCommandOptions, RunFormat } from './commands/run'
export { runFile } from './commands/run'
export type {
  FilesConfig,
  LoadedConfig,
  ParserConfig,
  QuantumConfig,
  RedisConfig,
  ThreadsConfig,
} from './config'
export { loadConfig } from './config'
export type { CodeFrameOptions } from './format/codeFrame'
export { codeFrame } from './format/codeFrame'
export type { DiagnosticLike, FormatDiagnosticOptions, Severity } from './format/diagnostic'
export { formatDiagnostic, formatDiagnostics } from './format/diagnostic'
export type { RunJson } from './format/runResult'
export { formatRunJson, formatRunText, runJson } from './format/runResult'
export type { GlobalOptions } from './globalOptions'
export { resolveGlobalOptions } from './globalOptions'
export type { CliIO, OutputStream } from './io'
export { main } from './main'
export type { StoreLocation } from './openStore'
export { openConfiguredStore, storeLocation } from './openStore'
