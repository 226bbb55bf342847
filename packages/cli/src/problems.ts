import { isAbsolute, relative } from 'node:path'
import { CliError, ErrorCodes, QuantumError } from '@quantum/ast'
import { type LoadedConfig, loadConfig } from './config'
import { type DiagnosticLike, formatDiagnostic } from './format/diagnostic'
import type { GlobalOptions } from './globalOptions'
import { type CliIO, useColor } from './io'

/** Prints one problem on stderr, with a code frame when the source is given. */
export type Report = (diagnostic: DiagnosticLike, source?: string) => void

/** A {@link Report} to `io.stderr`; `file` names diagnostics that carry no file of their own. */
export function stderrReport(io: CliIO, file?: string): Report {
  const color = useColor(io.stderr, io.env)
  return (diagnostic, source) => {
    const options = {
      color,
      ...(file === undefined ? {} : { file }),
      ...(source === undefined ? {} : { source }),
    }
    io.stderr.write(`${formatDiagnostic(diagnostic, options)}\n`)
  }
}

/** The configuration in effect, or undefined once a `CLI_CONFIG` problem was reported (naming the file). */
export async function loadConfigOrReport(
  globals: GlobalOptions,
  io: CliIO,
  report: Report,
): Promise<LoadedConfig | undefined> {
  try {
    return await loadConfig(globals.config, io)
  } catch (error) {
    if (!QuantumError.is(error) || error.code !== ErrorCodes.CLI_CONFIG) throw error
    const { code, message } = error
    report(error.file === undefined ? error : { code, message, file: displayPath(error.file, io.cwd) })
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
