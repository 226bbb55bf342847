import { readFile } from 'node:fs/promises'
import { isAbsolute, relative, resolve } from 'node:path'
import { CliError, ErrorCodes, QuantumError } from '@quantum/ast'
import { type LoadedConfig, loadConfig } from './config'
import { type DiagnosticLike, formatDiagnostic } from './format/diagnostic'
import { type GlobalOptions, withConfigHome } from './globalOptions'
import { type CliIO, useColor } from './io'

/** Prints one problem on stderr, with a code frame when the source is given. */
export type Report = (diagnostic: DiagnosticLike, source?: string) => void

/**
 * A {@link Report} to `io.stderr`; `file` names diagnostics that carry no file of their own. With
 * `io.errorFormat` `json`, each is one line `{"error":{"code","message"}}` (`warning` for a warning),
 * with `file`, `line` and `column` when known.
 */
export function stderrReport(io: CliIO, file?: string): Report {
  const color = useColor(io.stderr, io.env)
  return (diagnostic, source) => {
    if (io.errorFormat === 'json') {
      io.stderr.write(`${JSON.stringify(diagnosticJson(diagnostic, file))}\n`)
      return
    }
    const options = {
      color,
      ...(file === undefined ? {} : { file }),
      ...(source === undefined ? {} : { source }),
    }
    io.stderr.write(`${formatDiagnostic(diagnostic, options)}\n`)
  }
}

function diagnosticJson(diagnostic: DiagnosticLike, file?: string): Record<string, object> {
  const { code, message, position, severity = 'error' } = diagnostic
  const where = diagnostic.file ?? file
  return {
    [severity]: {
      code,
      message,
      ...(where === undefined ? {} : { file: where }),
      ...(position ? { line: position.start.line, column: position.start.column } : {}),
    },
  }
}

/** The global options and the configuration in effect for one command. */
export interface InEffect {
  /** The global options, with the configuration's `home` applied ({@link withConfigHome}). */
  globals: GlobalOptions
  loaded: LoadedConfig
}

/**
 * Load the configuration `globals` name, and settle the state folder with it; undefined once a
 * `CLI_CONFIG` problem was reported (naming the file).
 */
export async function loadConfigOrReport(
  globals: GlobalOptions,
  io: CliIO,
  report: Report,
): Promise<InEffect | undefined> {
  try {
    const loaded = await loadConfig(globals.config, io)
    // `home` is declared by the configuration's schema (issue 20); read as optional until it is.
    return { globals: withConfigHome(globals, loaded.config), loaded }
  } catch (error) {
    if (!QuantumError.is(error) || error.code !== ErrorCodes.CLI_CONFIG) throw error
    // Every problem of the file, at its line and column, with a code frame when the file can be read.
    const source =
      error.position && error.file ? await readFile(error.file, 'utf8').catch(() => undefined) : undefined
    for (const { code, message, file, position } of error.errors ?? [error]) {
      const shown = file === undefined ? {} : { file: displayPath(file, io.cwd) }
      report({ code, message, ...shown, ...(position ? { position } : {}) }, source)
    }
    return undefined
  }
}

/** A QuantumError as it is; anything else (a bug, not bad input) as `CLI_INTERNAL`. */
export function asDiagnostic(error: unknown): DiagnosticLike {
  if (QuantumError.is(error)) return error
  const stack = error instanceof Error && error.stack ? `\n${error.stack}` : ''
  return new CliError(ErrorCodes.CLI_INTERNAL, `${errorText(error)}${stack}`, { cause: error })
}

/** An error's message, or the thrown value as text. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** A path relative to the working directory when it is inside it, else absolute. */
export function displayPath(path: string, cwd: string): string {
  const inside = relative(cwd, path)
  return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside) ? inside : path
}

/** A folder as the user would type it: `.` for the working directory, else {@link displayPath}. */
export function shownFolder(folder: string, io: Pick<CliIO, 'cwd'>): string {
  return folder === io.cwd ? '.' : displayPath(folder, io.cwd)
}

/**
 * The text a diagnostic's code frame is drawn from: `source`, the text of `file`, or the other file the
 * error is in (a component it called, a mail template), when that file can still be read.
 */
export async function diagnosticSource(
  diagnostic: DiagnosticLike,
  file: string,
  source: string,
  cwd: string,
): Promise<string | undefined> {
  if (diagnostic.file === undefined || diagnostic.file === file) return source
  try {
    return (await readFile(resolve(cwd, diagnostic.file), 'utf8'))
      .replace(/^\uFEFF/, '')
      .replace(/\r\n?/g, '\n')
  } catch {
    return undefined
  }
}

/** Waits for every close and reports each failure; true when all closed cleanly. */
export async function closeAll(closing: readonly Promise<void>[], report: Report): Promise<boolean> {
  const results = await Promise.allSettled(closing)
  for (const result of results) if (result.status === 'rejected') report(asDiagnostic(result.reason))
  return results.every((result) => result.status === 'fulfilled')
}
